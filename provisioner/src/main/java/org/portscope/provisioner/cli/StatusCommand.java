package org.portscope.provisioner.cli;

import java.util.List;
import java.util.Set;
import org.portscope.provisioner.onboard.OnboardContext;
import org.portscope.provisioner.onboard.RunOptions;
import org.portscope.provisioner.onboard.Status;

/** {@code portscope status}: each node's handshake age and sensor health, read through the hub. */
public final class StatusCommand extends LeafCommand {

    @Override
    public String name() {
        return "status";
    }

    @Override
    public String summary() {
        return "show each node's latest handshake and sensor health, as the hub sees them";
    }

    @Override
    protected String synopsis() {
        return " --inventory FILE";
    }

    @Override
    protected String description() {
        return """
                Logs in to the hub only and prints, for every node in the state, its overlay address,
                the age of its latest WireGuard handshake with the hub ("never" when none) and what
                its sensor's /healthz answers over the overlay. Exit status 0 when every node has a
                handshake in the last 3 minutes and a healthy sensor, 1 otherwise.
                """;
    }

    @Override
    protected void execute(String path, List<String> args, Io io) throws CommandException {
        RunOptions options = OnboardCommand.options(args, Set.of("--inventory", "--bundle"));
        OnboardContext context = OnboardCommand.context(OnboardCommand.inventory(options), options);
        List<Status.NodeStatus> nodes;
        try {
            nodes = Status.read(context);
        } catch (IllegalStateException e) {
            throw new CommandException("cannot read the status through the hub: " + e.getMessage(), e);
        }
        int width = nodes.stream().mapToInt(n -> n.node().length()).max().orElse(4);
        io.out().printf("%-" + width + "s  %-15s  %-10s  %s%n", "node", "overlay", "handshake", "sensor");
        boolean allGood = true;
        for (Status.NodeStatus node : nodes) {
            String age = node.handshakeAge() < 0 ? "never" : node.handshakeAge() + " s ago";
            String health = node.healthy() ? "healthy" : "UNHEALTHY " + node.health();
            io.out().printf("%-" + width + "s  %-15s  %-10s  %s%n", node.node(), node.address(), age, health);
            allGood &= node.healthy() && node.handshakeAge() >= 0 && node.handshakeAge() <= 180;
        }
        if (!allGood) {
            throw new CommandException("not every node has a recent handshake and a healthy sensor");
        }
    }
}
