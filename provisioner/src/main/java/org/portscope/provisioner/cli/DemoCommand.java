package org.portscope.provisioner.cli;

import java.nio.file.Path;
import java.util.List;
import org.portscope.provisioner.demo.Demo;
import org.portscope.provisioner.demo.DemoException;
import org.portscope.provisioner.onboard.machine.Assets;
import org.portscope.provisioner.testbed.TestbedException;

/** {@code portscope demo}: the emulated institution, onboarded, scanned and on the dashboard. */
public final class DemoCommand extends LeafCommand {

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "an emulated institution on this machine, onboarded, scanned and shown on the dashboard";
    }

    @Override
    protected String synopsis() {
        return " [--once] [--screenshot FILE] | --down";
    }

    @Override
    protected String description() {
        return """
                Needs root. Builds an institution as network namespaces on this machine: a hub, two
                nodes running a real sshd, a third node without one, and an attacker. Onboards the hub
                and the two nodes over SSH with the code the Pulumi provider drives (WireGuard overlay
                10.77.0.0/24, sensors, the hub's collector, store, dashboard and enrollment API); the
                third node enrolls itself with a single-use token and the one-liner 'portscope token
                create' prints. Then it scans every node from the attacker with real nmap, zmap,
                masscan and hping3, a Mirai-style telnet scan and backscatter, connects with ssh and curl
                to the SSH nodes' listener-mode ranges (relayed to the hub's honeypot), and heals: the hub goes
                down (WireGuard killed, service stopped) while probes arrive, a node's sensor is killed
                with its spool full, supervisors restart both, the hub service comes back, the tunnel
                handshakes again by itself and every probe arrives once. Prints progress, a summary per
                node read from the hub's API, and the dashboard's URL (http://10.77.0.1:8080/, routed
                to this machine). It stays up until Ctrl-C, then removes every namespace, process and
                file it made (state in /var/tmp/portscope-demo). Installs missing Debian packages
                (scanners, sshd, wireguard-go); build first with mvn -q -DskipTests package.

                --once          run the scenario, check that the hub's API and its dashboard (rendered
                                by headless chromium) show exactly what was sent, clean up;
                                exit status 0 when they do
                --screenshot F  save a screenshot of the dashboard (headless chromium) to F
                --down          remove what a crashed demo left behind
                """;
    }

    @Override
    protected void execute(String path, List<String> args, Io io) throws CommandException {
        boolean once = false;
        boolean down = false;
        Path screenshot = null;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--once" -> once = true;
                case "--down" -> down = true;
                case "--screenshot" -> {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("--screenshot needs a file name");
                    }
                    screenshot = Path.of(args.get(++i));
                }
                default -> throw new UsageException("unknown option '" + args.get(i).replaceAll("\\p{Cntrl}", "?")
                        + "'; the options are --once, --screenshot FILE, --down");
            }
        }
        if (down && (once || screenshot != null)) {
            throw new UsageException("--down takes no other option");
        }
        try {
            if (down) {
                Demo.down(io.out());
                return;
            }
            if (!Demo.run(new Demo.Options(once, screenshot, new Assets(Assets.defaultBundle(), Assets.defaultHubJar())), io.out())) {
                throw new CommandException("the hub does not show what was sent (see MISMATCH above)");
            }
        } catch (DemoException | TestbedException | IllegalArgumentException e) {
            throw new CommandException(e.getMessage(), e);
        }
    }
}
