package org.portscope.provisioner.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.portscope.provisioner.onboard.OnboardContext;
import org.portscope.provisioner.onboard.Offboarding;
import org.portscope.provisioner.onboard.Onboarding;
import org.portscope.provisioner.onboard.RunOptions;
import org.portscope.provisioner.onboard.converge.Progress;
import org.portscope.provisioner.onboard.inventory.Inventory;
import org.portscope.provisioner.onboard.inventory.NodeSpec;

/** {@code portscope offboard}: removes nodes from the overlay and everything onboarding put on them. */
public final class OffboardCommand extends LeafCommand {

    @Override
    public String name() {
        return "offboard";
    }

    @Override
    public String summary() {
        return "remove nodes (named, or gone from the inventory) from the hub and clean them up";
    }

    @Override
    protected String synopsis() {
        return " --inventory FILE [--node NAME]... [--parallel N] [--plain]";
    }

    @Override
    protected String description() {
        return """
                Offboards the nodes named with --node, or, without --node, every node the state
                knows that is no longer in the inventory. For each: its peer is removed from the hub
                live (the other nodes' tunnels stay up), then on the node the sensor and the
                WireGuard interface are stopped (systemd units, or supervised processes by their pid
                files), everything onboarding installed is removed (/opt/portscope, /etc/portscope,
                /var/lib/portscope, /var/log/portscope, the WireGuard config and key, the unit, user
                portscope), and its overlay address is freed in the state. Nodes are reached with
                the SSH access recorded in the state. Exit status 0 when all went well, 1 otherwise.
                """;
    }

    @Override
    protected void execute(String path, List<String> args, Io io) throws CommandException {
        RunOptions options = OnboardCommand.options(args, Set.of("--inventory", "--node", "--parallel", "--bundle", "--plain"));
        Inventory inventory = OnboardCommand.inventory(options);
        OnboardContext context = OnboardCommand.context(inventory, options);
        List<String> nodes = new ArrayList<>(options.nodes());
        if (nodes.isEmpty()) {
            List<String> listed = inventory.nodes().stream().map(NodeSpec::name).toList();
            context.state().nodeNames().stream().filter(n -> !listed.contains(n)).forEach(nodes::add);
        }
        if (nodes.isEmpty()) {
            io.out().println("nothing to offboard: every node the state knows is in the inventory (name one with --node)");
            return;
        }
        Progress progress = OnboardCommand.progress(io, options, nodes);
        Onboarding.Result result = Offboarding.run(context, nodes, options.parallelism(), progress);
        progress.close();
        OnboardCommand.report(io, result);
        if (!result.ok()) {
            throw new CommandException(OnboardCommand.failures(result));
        }
    }
}
