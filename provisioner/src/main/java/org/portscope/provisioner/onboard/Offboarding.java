package org.portscope.provisioner.onboard;

import java.time.Duration;
import java.util.List;
import org.portscope.provisioner.onboard.converge.Change;
import org.portscope.provisioner.onboard.converge.ParallelRun;
import org.portscope.provisioner.onboard.converge.Progress;
import org.portscope.provisioner.onboard.converge.StepFailedException;
import org.portscope.provisioner.onboard.converge.StepRunner;
import org.portscope.provisioner.onboard.converge.TargetReport;
import org.portscope.provisioner.onboard.hub.Hub;
import org.portscope.provisioner.onboard.machine.Layout;
import org.portscope.provisioner.onboard.machine.MachineSteps;
import org.portscope.provisioner.onboard.machine.Services;
import org.portscope.provisioner.onboard.state.NodeRecord;
import org.portscope.provisioner.ssh.RemoteShell;
import org.portscope.provisioner.ssh.SshSession;

/**
 * {@code portscope offboard}: removes a node's peer from the hub (live, the other tunnels stay
 * up), then everything onboarding installed on the node (services stopped by pid or unit, files,
 * the user), then frees its address in the state. The node is reached with the access recorded
 * in the state, so a node already removed from the inventory can still be offboarded.
 */
public final class Offboarding {

    private Offboarding() {
    }

    public static Onboarding.Result run(OnboardContext context, List<String> nodes, int parallelism, Progress progress) {
        long start = System.nanoTime();
        try (Hub hub = new Hub(context)) {
            TargetReport hubReport = hub.connectOnly(progress);
            progress.done(hubReport);
            if (!hubReport.ok()) {
                return new Onboarding.Result(hubReport, List.of(), Duration.ofNanos(System.nanoTime() - start));
            }
            List<TargetReport> reports = ParallelRun.run(nodes, parallelism, n -> n, name -> {
                TargetReport report = offboard(context, hub, name, progress);
                progress.done(report);
                return report;
            });
            return new Onboarding.Result(hubReport, reports, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private static TargetReport offboard(OnboardContext context, Hub hub, String name, Progress progress) {
        StepRunner steps = new StepRunner(name, progress);
        NodeRecord record = context.state().node(name).orElse(null);
        if (record == null) {
            return steps.report(new StepFailedException(name, "find", new IllegalArgumentException(
                    "the provisioner state has no node '" + name + "' (never onboarded, or already offboarded)")));
        }
        String iface = context.inventory().interfaceName();
        SshSession[] ssh = new SshSession[1];
        try {
            steps.step("hub-peer", () -> hub.removePeer(name));
            steps.step("connect", () -> {
                ssh[0] = SshSession.open(record.ssh().target(context.inventory().knownHosts(), context.env(),
                        "state nodes." + name + ".ssh"), context.sshOptions());
                return Change.UNCHANGED;
            });
            RemoteShell root = ssh[0].root();
            boolean systemd = root.exec("test -d /run/systemd/system").ok();
            steps.step("stop-sensor", () -> systemd ? Services.stopSystemd(root, "stop sensor", Layout.SENSOR_SERVICE)
                    : Services.stopSupervised(root, "stop sensor", Layout.SENSOR_PIDFILE));
            steps.step("stop-wireguard", () -> MachineSteps.wireGuardDown(root, systemd, iface));
            steps.step("remove-files", () -> removeFiles(root, iface, systemd));
            // -f: its services are stopped above; a plain userdel also refuses while any process on a
            // machine whose containers share one PID namespace runs with the same uid number.
            steps.step("remove-user", () -> Change.of(root.run("remove user", "if id -u " + Layout.USER
                    + " >/dev/null 2>&1; then userdel -f " + Layout.USER + " 2>&1 && echo removed; fi").contains("removed")));
            steps.step("forget", () -> {
                context.state().remove(name);
                return Change.CHANGED;
            });
            return steps.report(null);
        } catch (StepFailedException e) {
            return steps.report(e);
        } finally {
            if (ssh[0] != null) {
                ssh[0].close();
            }
        }
    }

    private static Change removeFiles(RemoteShell root, String iface, boolean systemd) {
        List<String> paths = List.of(Layout.INSTALL_DIR, Layout.CONFIG_DIR, Layout.STATE_DIR, Layout.LOG_DIR,
                Layout.wgConfig(iface), Layout.wgKey(iface), Layout.SENSOR_UNIT, Layout.RUN_DIR);
        String script = "c=no; for p in " + String.join(" ", paths) + "; do if [ -e \"$p\" ]; then rm -rf -- \"$p\"; c=yes; fi; done\n"
                + (systemd ? "systemctl daemon-reload\n" : "") + "echo changed=$c\n";
        return Change.of(root.run("remove files", script).contains("changed=yes"));
    }
}
