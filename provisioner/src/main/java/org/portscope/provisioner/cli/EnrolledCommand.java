package org.portscope.provisioner.cli;

import java.nio.file.Path;
import java.util.List;
import org.portscope.provisioner.onboard.hub.EnrolledNodes;
import org.portscope.provisioner.onboard.inventory.Inventory;
import org.portscope.provisioner.onboard.inventory.InventoryException;
import org.portscope.provisioner.onboard.inventory.InventoryLoader;
import org.portscope.provisioner.onboard.RunOptions;
import org.portscope.provisioner.ssh.SshSession;

/**
 * {@code portscope enrolled list} and {@code portscope enrolled revoke NAME}: the nodes that
 * enrolled themselves with a token, read from (and revoked on) the inventory's hub over SSH.
 */
public final class EnrolledCommand extends LeafCommand {

    private final boolean revoke;

    private EnrolledCommand(boolean revoke) {
        this.revoke = revoke;
    }

    /** The group: list and revoke. */
    static CommandGroup group() {
        return new CommandGroup("enrolled", "Nodes that enrolled themselves with a token.",
                List.of(new EnrolledCommand(false), new EnrolledCommand(true)));
    }

    @Override
    public String name() {
        return revoke ? "revoke" : "list";
    }

    @Override
    public String summary() {
        return revoke ? "revoke an enrolled node: its peer leaves the hub within seconds"
                : "list the nodes that enrolled themselves (name, overlay address, token, when)";
    }

    @Override
    protected String synopsis() {
        return revoke ? " --inventory FILE NAME" : " --inventory FILE";
    }

    @Override
    protected String description() {
        return revoke ? """
                Removes the node's record from the hub; the hub service drops its WireGuard peer
                within 5 s (other tunnels untouched) and no longer accepts its observations. The
                node enrolls again only with a token that has a use left. Exit status 1 when the hub
                has no enrolled node of that name.
                """ : """
                Logs in to the hub and prints the nodes that enrolled themselves with a token.
                """;
    }

    @Override
    protected void execute(String path, List<String> args, Io io) throws CommandException {
        if (args.size() != (revoke ? 3 : 2) || !args.get(0).equals("--inventory")) {
            throw new UsageException("expected" + synopsis());
        }
        Inventory inventory;
        try {
            inventory = InventoryLoader.load(Path.of(args.get(1)));
        } catch (InventoryException e) {
            throw new CommandException(e.getMessage(), e);
        }
        try (SshSession ssh = EnrolledNodes.open(inventory, RunOptions.environment())) {
            if (revoke) {
                if (!EnrolledNodes.revoke(ssh.root(), args.get(2))) {
                    throw new CommandException("the hub has no enrolled node named '" + args.get(2) + "'");
                }
                io.out().println("revoked " + args.get(2) + ": its peer leaves the hub within 5 s");
                return;
            }
            io.out().printf("%-24s  %-15s  %-16s  %s%n", "node", "overlay", "token", "enrolled");
            for (EnrolledNodes.Enrolled node : EnrolledNodes.list(ssh.root())) {
                io.out().printf("%-24s  %-15s  %-16s  %s%n", node.name(), node.address(), node.tokenId(), node.enrolledAt());
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CommandException(e.getMessage(), e);
        }
    }
}
