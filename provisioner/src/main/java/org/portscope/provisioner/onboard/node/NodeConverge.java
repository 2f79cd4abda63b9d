package org.portscope.provisioner.onboard.node;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.portscope.provisioner.onboard.OnboardContext;
import org.portscope.provisioner.onboard.converge.Change;
import org.portscope.provisioner.onboard.converge.Progress;
import org.portscope.provisioner.onboard.converge.StepFailedException;
import org.portscope.provisioner.onboard.converge.StepRunner;
import org.portscope.provisioner.onboard.converge.TargetReport;
import org.portscope.provisioner.onboard.hub.Hub;
import org.portscope.provisioner.onboard.inventory.NodeSpec;
import org.portscope.provisioner.onboard.machine.FileSync;
import org.portscope.provisioner.onboard.machine.Layout;
import org.portscope.provisioner.onboard.machine.MachineFacts;
import org.portscope.provisioner.onboard.machine.MachineSteps;
import org.portscope.provisioner.onboard.machine.RemoteFile;
import org.portscope.provisioner.onboard.machine.Services;
import org.portscope.provisioner.onboard.machine.Shell;
import org.portscope.provisioner.onboard.state.NodeRecord;
import org.portscope.provisioner.ssh.RemoteShell;
import org.portscope.provisioner.ssh.ShellQuote;
import org.portscope.provisioner.ssh.SshSession;
import org.portscope.provisioner.wireguard.NodeConfig;
import org.portscope.provisioner.wireguard.OverlayConfigs;
import org.portscope.provisioner.wireguard.WgConfigRenderer;
import org.portscope.provisioner.wireguard.WgPublicKey;

/**
 * One node from "reachable by SSH" to "in the overlay, sensor running, hub sees it", as explicit
 * steps that each check, change only what differs, and say whether they changed anything. A
 * second run over a converged node changes nothing.
 */
public final class NodeConverge {

    private final OnboardContext context;
    private final Hub hub;
    private final NodeSpec node;
    private SshSession ssh;
    private MachineFacts facts;
    private WgPublicKey publicKey;

    public NodeConverge(OnboardContext context, Hub hub, NodeSpec node) {
        this.context = Objects.requireNonNull(context, "context");
        this.hub = Objects.requireNonNull(hub, "hub");
        this.node = Objects.requireNonNull(node, "node");
    }

    /** Runs every step; a failing step ends this node only, and its report names the step. */
    public TargetReport run(Progress progress) {
        StepRunner steps = new StepRunner(node.name(), progress);
        try {
            converge(steps);
            return steps.report(null);
        } catch (StepFailedException e) {
            return steps.report(e);
        } finally {
            if (ssh != null) {
                ssh.close();
            }
        }
    }

    private void converge(StepRunner steps) {
        String iface = context.inventory().interfaceName();
        steps.step("connect", () -> {
            ssh = SshSession.open(node.ssh().target(context.inventory().knownHosts(), context.env(), node.where() + ".ssh"),
                    context.sshOptions());
            return Change.of(ssh.hostKeyRecordedOnFirstUse().isPresent());
        });
        steps.step("detect", () -> {
            facts = MachineFacts.detect(root(), MachineFacts.Role.NODE);
            return Change.UNCHANGED;
        });
        steps.step("packages", () -> MachineSteps.packages(root(), facts));
        steps.step("sensor-user", () -> MachineSteps.folders(root(), Layout.USER));
        steps.step("scripts", () -> Change.of(!FileSync.sync(root(), "scripts", context.assets().scripts()).isEmpty()));
        Change key = steps.step("key-pair", () -> {
            MachineSteps.KeyPair pair = MachineSteps.keyPair(root(), iface);
            publicKey = pair.publicKey();
            context.state().setPublicKey(node.name(), publicKey);
            return pair.change();
        });
        steps.step("hub-peer", () -> hub.ensurePeer(node.name()));
        Change config = steps.step("wireguard-config", () ->
                MachineSteps.wireGuardConfig(root(), iface, renderWireGuard(iface), key == Change.CHANGED, null));
        steps.step("wireguard-up", () -> MachineSteps.wireGuardUp(root(), facts, iface, config == Change.CHANGED));
        Change bundle = steps.step("sensor-bundle", this::sensorBundle);
        List<String> changed = new java.util.ArrayList<>();
        Change files = steps.step("sensor-config", () -> {
            changed.addAll(syncSensorConfig(iface));
            return Change.of(!changed.isEmpty());
        });
        steps.step("sensor-start", () -> startSensor(bundle.or(files) == Change.CHANGED, changed.contains(Layout.SENSOR_UNIT)));
        steps.step("verify", this::verify);
    }

    /**
     * The sensor's config and unit and, when the institution has one, its Crypto-PAn key: readable
     * by the sensor's user only (the plugin refuses a key others can read), never in a log.
     */
    private List<RemoteFile> sensorConfig(String iface) {
        List<RemoteFile> files = new java.util.ArrayList<>(List.of(
                RemoteFile.of(Layout.SENSOR_CONFIG, 0640, "root:" + Layout.USER,
                        SensorFiles.config(node, record().addresses(), upstream())),
                RemoteFile.of(Layout.SENSOR_UNIT, 0644, "root:root", SensorFiles.unit(node.name(), iface, Layout.INSTALL_DIR,
                        !node.ports().isEmpty()))));
        context.inventory().anonymizationKey().ifPresent(key -> files.add(
                RemoteFile.of(Layout.ANON_KEY, 0600, Layout.USER + ":" + Layout.USER, key.read())));
        return files;
    }

    /**
     * Puts config, unit and key in place in two round trips; a key left from an inventory that
     * named one before is removed (a secret the sensor no longer uses stays nowhere).
     */
    private List<String> syncSensorConfig(String iface) {
        boolean keyed = context.inventory().anonymizationKey().isPresent();
        String key = ShellQuote.quote(Layout.ANON_KEY);
        FileSync.Inspection seen = FileSync.inspect(root(), "sensor config", sensorConfig(iface),
                keyed ? null : "if [ -e " + key + " ]; then echo stray-key; fi");
        boolean stray = seen.probe().contains("stray-key");
        FileSync.upload(root(), "sensor config", seen.differing(), stray ? "rm -f -- " + key : null);
        List<String> changed = new java.util.ArrayList<>(seen.differing().stream().map(RemoteFile::path).toList());
        if (stray) {
            changed.add(Layout.ANON_KEY);
        }
        return changed;
    }

    private SensorFiles.Upstream upstream() {
        return new SensorFiles.Upstream(hub.collector().getAddress(), hub.collector().getPort(),
                context.inventory().anonymizationKey().map(k -> k.keyId()).orElse(null));
    }

    private Change sensorBundle() {
        List<String> plugins = SensorFiles.plugins(node, upstream());
        StringBuilder keep = new StringBuilder();
        for (String plugin : plugins) {
            keep.append(" ! -name ").append(ShellQuote.quote(plugin + ".jar"));
        }
        String others = "find " + Layout.PLUGINS + " -maxdepth 1 -type f -name '*.jar'" + keep;
        FileSync.Inspection seen = FileSync.inspect(root(), "sensor bundle",
                context.assets().sensor(plugins), others);
        boolean stale = !seen.probe().isBlank();
        if (seen.differing().isEmpty() && !stale) {
            return Change.UNCHANGED;
        }
        FileSync.upload(root(), "sensor bundle", seen.differing(), stale ? others + " -delete" : null);
        return Change.CHANGED;
    }

    private Change startSensor(boolean restart, boolean unitChanged) {
        return startSensor(root(), facts, restart, unitChanged, !node.ports().isEmpty());
    }

    /**
     * Runs the sensor as its unit (systemd) or supervised; restarts it when its files changed. A
     * node that enrolls by token starts it with this too.
     */
    public static Change startSensor(Shell root, MachineFacts facts, boolean restart, boolean unitChanged) {
        return startSensor(root, facts, restart, unitChanged, false);
    }

    /** The same; with {@code listener} the supervised sensor keeps CAP_NET_ADMIN too, as its unit does. */
    public static Change startSensor(Shell root, MachineFacts facts, boolean restart, boolean unitChanged,
            boolean listener) {
        if (facts.systemd()) {
            return Services.systemd(root, "start sensor", Layout.SENSOR_SERVICE, unitChanged, restart);
        }
        String command = ShellQuote.command(Layout.LAUNCHER, "run", "--config", Layout.SENSOR_CONFIG, "--state", Layout.STATE_DIR);
        return Services.supervise(root, "start sensor", Layout.SENSOR_PIDFILE, Layout.LOG_DIR + "/sensor.log",
                Layout.USER, listener ? SensorFiles.LISTENER_CAPS : Layout.CAPS, command, restart, "true");
    }

    private Change verify() {
        hub.awaitVerified(node.name(), publicKey, record().addresses().ipv4(), node.sensor().metricsPort(),
                context.verifyTimeout());
        return Change.UNCHANGED;
    }

    private byte[] renderWireGuard(String iface) {
        NodeRecord record = record();
        NodeConfig config = OverlayConfigs.node(context.plan(), node.name(), iface, Path.of(Layout.wgKey(iface)),
                hub.publicKey(), record.presharedKey(), context.inventory().hub().endpoint());
        return new WgConfigRenderer().renderNode(config).getBytes(StandardCharsets.UTF_8);
    }

    private NodeRecord record() {
        return context.state().node(node.name()).orElseThrow(() -> new IllegalStateException(
                "node '" + node.name() + "' is not in the provisioner state"));
    }

    private RemoteShell root() {
        return ssh.root();
    }
}
