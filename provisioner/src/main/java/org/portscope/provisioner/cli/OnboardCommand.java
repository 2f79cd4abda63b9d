package org.portscope.provisioner.cli;

import java.util.List;
import java.util.Set;
import org.portscope.provisioner.onboard.OnboardContext;
import org.portscope.provisioner.onboard.Onboarding;
import org.portscope.provisioner.onboard.RunOptions;
import org.portscope.provisioner.onboard.converge.PlainProgress;
import org.portscope.provisioner.onboard.converge.Progress;
import org.portscope.provisioner.onboard.converge.StepTimes;
import org.portscope.provisioner.onboard.converge.TargetReport;
import org.portscope.provisioner.onboard.converge.TerminalProgress;
import org.portscope.provisioner.onboard.inventory.Inventory;
import org.portscope.provisioner.onboard.inventory.InventoryException;
import org.portscope.provisioner.onboard.inventory.InventoryLoader;
import org.portscope.provisioner.onboard.inventory.NodeSpec;

/** {@code portscope onboard --inventory FILE}: converges the hub and every node of the inventory. */
public final class OnboardCommand extends LeafCommand {

    @Override
    public String name() {
        return "onboard";
    }

    @Override
    public String summary() {
        return "bring the inventory's hub and nodes into the overlay with a running sensor (idempotent)";
    }

    @Override
    protected String synopsis() {
        return " --inventory FILE [--node NAME]... [--parallel N] [--bundle DIR] [--hub-bundle JAR] [--plain]";
    }

    @Override
    protected String description() {
        return """
                Converges the hub (WireGuard interface, then the hub service: collector, store and API
                on the hub's overlay address, as user portscope-hub), then every node (or only those named with --node) over SSH, up to
                N at once (default 32): verify the host key (pinned, or recorded on first use), detect
                OS, architecture and init system, install missing packages (wireguard-tools,
                wireguard-go, openjdk-17-jre-headless, libpcap0.8), make the node's WireGuard key pair
                on the node (only the public key comes back), write its WireGuard config (mode 0600),
                bring the interface up as a service, add the node as a peer on the hub live, install
                the sensor bundle, its config and a systemd unit (user portscope, CAP_NET_RAW and
                CAP_NET_BIND_SERVICE only) forwarding to the hub's collector, start it, and verify a
                handshake on the hub and the
                sensor's /healthz over the overlay. Every step changes only what differs; a second
                run says "up to date, 0 changes". One failing node does not stop the others.

                The state (overlay addresses, public keys, preshared keys) is kept beside the
                inventory in FILE.state.json (mode 0600); host keys trusted on first use go to
                FILE.known_hosts unless the inventory names another file (known-hosts:).
                --bundle names the sensor bundle (default $PORTSCOPE_BUNDLE, else the repository's
                target/sensor-bundle), --hub-bundle the hub's jar (default $PORTSCOPE_HUB_JAR, else the
                repository's hub/target/portscope-hub.jar). With anonymization: {key-file, key-id} in
                the inventory, sensors anonymize addresses with that Crypto-PAn key (uploaded to
                /etc/portscope/anon.key, mode 0600) before forwarding; without it they forward them
                as they are, and the run says so. A live display on a terminal, log lines otherwise (--plain).
                Exit status 0 when every node is onboarded and verified, 1 otherwise.
                """;
    }

    @Override
    protected void execute(String path, List<String> args, Io io) throws CommandException {
        RunOptions options = options(args, Set.of("--inventory", "--node", "--parallel", "--bundle", "--hub-bundle",
                "--plain"));
        Inventory inventory = inventory(options);
        List<NodeSpec> nodes = inventory.nodes();
        if (!options.nodes().isEmpty()) {
            for (String name : options.nodes()) {
                if (inventory.node(name).isEmpty()) {
                    throw new UsageException("--node: the inventory has no node '" + name + "'");
                }
            }
            nodes = nodes.stream().filter(n -> options.nodes().contains(n.name())).toList();
        }
        OnboardContext context = context(inventory, options);
        Progress progress = progress(io, options, nodes.stream().map(NodeSpec::name).toList());
        Onboarding.Result result = Onboarding.run(context, nodes, options.parallelism(), progress);
        progress.close();
        report(io, result);
        if (!result.ok()) {
            throw new CommandException(failures(result));
        }
    }

    static RunOptions options(List<String> args, Set<String> allowed) throws UsageException {
        try {
            return RunOptions.parse(args, allowed);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static Inventory inventory(RunOptions options) throws CommandException {
        try {
            return InventoryLoader.load(options.inventory());
        } catch (InventoryException e) {
            throw new CommandException(e.getMessage(), e);
        }
    }

    static OnboardContext context(Inventory inventory, RunOptions options) throws CommandException {
        try {
            return OnboardContext.of(inventory, options.assets(), RunOptions.environment());
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage(), e);
        }
    }

    static Progress progress(Io io, RunOptions options, List<String> targets) {
        if (!options.plain() && System.console() != null && io.out() == System.out) {
            List<String> all = new java.util.ArrayList<>(List.of("hub"));
            all.addAll(targets);
            return new TerminalProgress(io.out(), all);
        }
        return new PlainProgress(io.out());
    }

    static void report(Io io, Onboarding.Result result) {
        io.out().println();
        for (TargetReport report : result.all()) {
            io.out().println(report.summary());
        }
        io.out().printf(java.util.Locale.ROOT, "%d target(s), %d change(s), %.1f s%n", result.all().size(),
                result.changes(), result.took().toMillis() / 1000.0);
        io.out().println("time per step:");
        StepTimes.table(result.all()).forEach(line -> io.out().println("  " + line));
    }

    static String failures(Onboarding.Result result) {
        long failed = result.all().stream().filter(r -> !r.ok()).count();
        return failed + " of " + result.all().size() + " target(s) failed (see above)";
    }
}
