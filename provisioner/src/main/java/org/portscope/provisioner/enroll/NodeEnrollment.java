package org.portscope.provisioner.enroll;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.portscope.provisioner.onboard.converge.Change;
import org.portscope.provisioner.onboard.converge.Progress;
import org.portscope.provisioner.onboard.converge.StepFailedException;
import org.portscope.provisioner.onboard.converge.StepRunner;
import org.portscope.provisioner.onboard.converge.TargetReport;
import org.portscope.provisioner.onboard.inventory.SensorSettings;
import org.portscope.provisioner.onboard.machine.Assets;
import org.portscope.provisioner.onboard.machine.FileSync;
import org.portscope.provisioner.onboard.machine.HealthWait;
import org.portscope.provisioner.onboard.machine.Layout;
import org.portscope.provisioner.onboard.machine.MachineFacts;
import org.portscope.provisioner.onboard.machine.MachineSteps;
import org.portscope.provisioner.onboard.machine.RemoteFile;
import org.portscope.provisioner.onboard.machine.Shell;
import org.portscope.provisioner.onboard.node.NodeConverge;
import org.portscope.provisioner.onboard.node.SensorFiles;
import org.portscope.provisioner.plan.Cidr;
import org.portscope.provisioner.plan.IpLiterals;
import org.portscope.provisioner.plan.PeerAddresses;
import org.portscope.provisioner.wireguard.Endpoint;
import org.portscope.provisioner.wireguard.InterfaceAddress;
import org.portscope.provisioner.wireguard.NodeConfig;
import org.portscope.provisioner.wireguard.NodePeer;
import org.portscope.provisioner.wireguard.WgConfigRenderer;
import org.portscope.provisioner.wireguard.WgPresharedKey;
import org.portscope.provisioner.wireguard.WgPublicKey;

/**
 * A node enrolling itself with a token ({@code portscope-sensor enroll}): the SSH converge's own
 * steps ({@link MachineSteps}, {@link SensorFiles}, {@link NodeConverge#startSensor}) run on this
 * machine through a {@link Shell}, with the hub's enrollment API in place of the hub's SSH
 * session: packages, the sensor's user, scripts, the key pair (made here; only the public key is
 * sent), the enrollment, the WireGuard config and interface, the sensor's config and service. A
 * node that enrolled before (its record {@value #RECORD} is there) is not enrolled again: the
 * run only makes sure its tunnel and sensor run.
 */
public final class NodeEnrollment {
    public static final String RECORD = Layout.CONFIG_DIR + "/enrollment.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a started sensor may take to capture (its plugins load, the overlay comes up). */
    private static final Duration SENSOR_HEALTHY_WITHIN = Duration.ofSeconds(90);

    /**
     * What to enroll with.
     *
     * @param hub the enrollment API, {@code host:port}
     * @param name the node's name on the hub (default: the host name)
     * @param iface the WireGuard interface to make
     * @param capture the interface the sensor captures on
     * @param anonKeyFile the institution's Crypto-PAn key, needed when the hub names a key id; or null
     */
    public record Options(String hub, EnrollToken token, String name, String iface, String capture, Path anonKeyFile) {
        public Options {
            Objects.requireNonNull(hub, "hub");
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(iface, "iface");
            Objects.requireNonNull(capture, "capture");
        }
    }

    private final Options options;
    private final Shell root;
    private MachineFacts facts;
    private WgPublicKey publicKey;
    private HubClient.Answer answer;

    public NodeEnrollment(Options options, Shell root) {
        this.options = Objects.requireNonNull(options, "options");
        this.root = Objects.requireNonNull(root, "root");
    }

    /** Runs every step; the report names the step that failed, if one did. */
    public TargetReport run(Progress progress) {
        StepRunner steps = new StepRunner(options.name(), progress);
        try {
            boolean enrolled = Files.isRegularFile(Path.of(RECORD));
            steps.step("detect", () -> {
                facts = MachineFacts.detect(root, MachineFacts.Role.NODE);
                return Change.UNCHANGED;
            });
            if (enrolled) {
                steps.step("wireguard-up", () -> MachineSteps.wireGuardUp(root, facts, options.iface(), false));
                steps.step("sensor-start", () -> NodeConverge.startSensor(root, facts, false, false));
                return steps.report(null);
            }
            // The hub is checked against the token's pin before this machine is changed at all.
            steps.step("hub-pin", () -> {
                new HubClient(options.hub(), options.token()).checkPin();
                return Change.UNCHANGED;
            });
            steps.step("packages", () -> MachineSteps.packages(root, facts));
            steps.step("sensor-user", () -> MachineSteps.folders(root, Layout.USER));
            steps.step("scripts", () -> Change.of(!FileSync.sync(root, "scripts", Assets.scriptFiles()).isEmpty()));
            Change key = steps.step("key-pair", () -> {
                MachineSteps.KeyPair pair = MachineSteps.keyPair(root, options.iface());
                publicKey = pair.publicKey();
                return pair.change();
            });
            steps.step("enroll", () -> {
                answer = new HubClient(options.hub(), options.token()).enroll(options.name(), publicKey, facts());
                return Change.of(!answer.status().equals("unchanged"));
            });
            Change config = steps.step("wireguard-config", () ->
                    MachineSteps.wireGuardConfig(root, options.iface(), renderWireGuard(), key == Change.CHANGED, null));
            steps.step("wireguard-up", () -> MachineSteps.wireGuardUp(root, facts, options.iface(), config == Change.CHANGED));
            List<String> changed = new ArrayList<>();
            steps.step("sensor-config", () -> {
                changed.addAll(FileSync.sync(root, "sensor config", sensorFiles()));
                return Change.of(!changed.isEmpty());
            });
            steps.step("sensor-start", () -> NodeConverge.startSensor(root, facts, !changed.isEmpty(),
                    changed.contains(Layout.SENSOR_UNIT)));
            // As the SSH converge verifies a node: done once the sensor says it captures.
            steps.step("verify", this::awaitHealthy);
            steps.step("record", () -> Change.of(!FileSync.sync(root, "enrollment record",
                    List.of(RemoteFile.of(RECORD, 0600, "root:root", record()))).isEmpty()));
            return steps.report(null);
        } catch (StepFailedException e) {
            return steps.report(e);
        }
    }

    /** Waits until the sensor's /healthz on its overlay address answers ok (it captures). */
    private Change awaitHealthy() {
        String url = "http://" + answer.address() + ":" + SensorSettings.DEFAULT_METRICS_PORT + "/healthz";
        HealthWait.await(root, "the sensor", url, SENSOR_HEALTHY_WITHIN, Layout.LOG_DIR + "/sensor.log");
        return Change.UNCHANGED;
    }

    private byte[] renderWireGuard() {
        InetAddress address = IpLiterals.parse(answer.address(), "the address the hub gave");
        NodePeer hub = new NodePeer(WgPublicKey.parse(answer.hubPublicKey()), WgPresharedKey.parse(answer.presharedKey()),
                Endpoint.parse(answer.endpoint()), List.of(Cidr.parse(answer.hubAllowedIp())), NodePeer.DEFAULT_KEEPALIVE_SECONDS);
        NodeConfig config = new NodeConfig(options.name(), options.iface(), List.of(InterfaceAddress.host(address)),
                Path.of(Layout.wgKey(options.iface())), hub);
        return new WgConfigRenderer().renderNode(config).getBytes(StandardCharsets.UTF_8);
    }

    /** The sensor's config, unit and (when the institution anonymizes) key, as onboarding writes them. */
    private List<RemoteFile> sensorFiles() {
        String collector = answer.collector();
        int colon = collector.lastIndexOf(':');
        SensorFiles.Upstream upstream = new SensorFiles.Upstream(IpLiterals.parse(collector.substring(0, colon), "collector"),
                Integer.parseInt(collector.substring(colon + 1)), answer.keyId());
        SensorSettings sensor = new SensorSettings(options.capture(), SensorSettings.REQUIRED_PLUGINS,
                SensorSettings.DEFAULT_METRICS_PORT);
        PeerAddresses overlay = new PeerAddresses(IpLiterals.parse(answer.address(), "address"), null);
        List<RemoteFile> files = new ArrayList<>(List.of(
                RemoteFile.of(Layout.SENSOR_CONFIG, 0640, "root:" + Layout.USER,
                        SensorFiles.config(options.name(), sensor, overlay, upstream)),
                RemoteFile.of(Layout.SENSOR_UNIT, 0644, "root:root", SensorFiles.unit(options.name(), options.iface(),
                        Layout.INSTALL_DIR))));
        if (upstream.anonymized()) {
            if (options.anonKeyFile() == null) {
                throw new IllegalArgumentException("the hub's institution anonymizes under key id '" + upstream.keyId()
                        + "': give its Crypto-PAn key with --anon-key-file FILE");
            }
            files.add(RemoteFile.of(Layout.ANON_KEY, 0600, Layout.USER + ":" + Layout.USER, options.anonKeyFile()));
        }
        return files;
    }

    private ObjectNode facts() {
        ObjectNode out = JSON.createObjectNode();
        out.put("hostname", hostname());
        out.put("os", facts.os());
        out.put("arch", facts.arch());
        out.put("systemd", facts.systemd());
        var addresses = out.putArray("addresses");
        for (String line : root.run("addresses", "ip -o address show scope global | awk '{print $4}'").split("\n")) {
            if (!line.isBlank()) {
                addresses.add(line.strip());
            }
        }
        return out;
    }

    private byte[] record() {
        ObjectNode out = JSON.createObjectNode();
        out.put("hub", options.hub());
        out.put("name", answer.name());
        out.put("address", answer.address());
        out.put("tokenId", options.token().id());
        out.put("pin", options.token().pin());
        out.put("enrolledAt", Instant.now().toString());
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This machine's host name, the default node name. */
    public static String hostname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            return "node";
        }
    }

}
