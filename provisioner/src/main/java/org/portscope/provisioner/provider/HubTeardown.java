package org.portscope.provisioner.provider;

import java.util.List;
import java.util.Map;
import org.portscope.provisioner.onboard.converge.Change;
import org.portscope.provisioner.onboard.converge.Progress;
import org.portscope.provisioner.onboard.converge.StepFailedException;
import org.portscope.provisioner.onboard.converge.StepRunner;
import org.portscope.provisioner.onboard.converge.TargetReport;
import org.portscope.provisioner.onboard.hub.Hub;
import org.portscope.provisioner.onboard.machine.Layout;
import org.portscope.provisioner.onboard.machine.MachineSteps;
import org.portscope.provisioner.ssh.RemoteShell;
import org.portscope.provisioner.ssh.ShellQuote;
import org.portscope.provisioner.ssh.SshSession;

/**
 * What the provider reads of a hub and how it takes one down. Offboarding covers nodes; a hub
 * leaves when its stack is destroyed (after every node, which depend on it): the hub service goes
 * (the onboarding's own removal: user, jar, config, store, unit), its WireGuard service stops and
 * everything else the hub converge installed under {@link Layout}'s paths is removed, with its key
 * pair (a new hub makes a new one).
 */
final class HubTeardown {

    private HubTeardown() {
    }

    /**
     * The hub as it is.
     *
     * @param present whether anything of the hub's onboarding is there
     * @param publicKey its WireGuard public key (from its key file), or null
     * @param up whether its interface is up
     * @param peers how many peers the running interface has
     */
    record Seen(boolean present, String publicKey, boolean up, int peers) {
    }

    static Seen look(Configured configured, HubInputs hub) {
        String i = ShellQuote.quote(hub.interfaceName());
        String script = "k=" + ShellQuote.quote(Layout.wgKey(hub.interfaceName())) + "\n"
                + "if [ -s \"$k\" ]; then echo \"key=$(wg pubkey < \"$k\")\"; fi\n"
                + "if wg show " + i + " >/dev/null 2>&1; then echo up=yes; echo \"peers=$(wg show " + i + " peers | wc -l)\"; fi\n"
                + "if [ -e " + ShellQuote.quote(Layout.renderedConfig(hub.interfaceName())) + " ]; then echo rendered=yes; fi\n";
        try (SshSession ssh = SshSession.open(configured.target(hub.ssh(), "hub.ssh"), configured.sshOptions())) {
            Map<String, String> seen = Lines.keyValues(ssh.root().run("read hub", script));
            boolean present = seen.containsKey("key") || seen.containsKey("up") || seen.containsKey("rendered");
            return new Seen(present, seen.get("key"), seen.containsKey("up"),
                    Integer.parseInt(seen.getOrDefault("peers", "0").strip()));
        }
    }

    static void run(Configured configured, HubInputs hub, Progress progress) {
        StepRunner steps = new StepRunner("hub", progress);
        String iface = hub.interfaceName();
        SshSession[] ssh = new SshSession[1];
        try {
            steps.step("connect", () -> {
                ssh[0] = SshSession.open(configured.target(hub.ssh(), "hub.ssh"), configured.sshOptions());
                return Change.UNCHANGED;
            });
            RemoteShell root = ssh[0].root();
            boolean systemd = root.exec("test -d /run/systemd/system").ok();
            steps.step("remove-hub-service", () -> Hub.removeService(root, systemd));
            steps.step("stop-wireguard", () -> MachineSteps.wireGuardDown(root, systemd, iface));
            steps.step("remove-files", () -> {
                List<String> paths = List.of(Layout.INSTALL_DIR, Layout.CONFIG_DIR, Layout.LOG_DIR, Layout.RUN_DIR,
                        Layout.wgConfig(iface), Layout.wgKey(iface), Layout.SYSCTL_FILE);
                String script = "c=no; for p in " + String.join(" ", paths) + "; do if [ -e \"$p\" ]; then rm -rf -- \"$p\"; c=yes; fi; done\n"
                        + "echo changed=$c\n";
                return Change.of(root.run("remove files", script).contains("changed=yes"));
            });
            TargetReport report = steps.report(null);
            progress.done(report);
        } catch (StepFailedException e) {
            throw new ProviderException(e.getMessage(), e);
        } finally {
            if (ssh[0] != null) {
                ssh[0].close();
            }
        }
    }
}
