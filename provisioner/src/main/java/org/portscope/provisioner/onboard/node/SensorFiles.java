package org.portscope.provisioner.onboard.node;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.portscope.provisioner.onboard.inventory.NodeSpec;
import org.portscope.provisioner.onboard.inventory.PortRange;
import org.portscope.provisioner.onboard.inventory.SensorSettings;
import org.portscope.provisioner.onboard.machine.Layout;
import org.portscope.provisioner.onboard.machine.Templates;
import org.portscope.provisioner.plan.IpLiterals;
import org.portscope.provisioner.plan.PeerAddresses;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A node's sensor config ({@code /etc/portscope/sensor.yaml}, the format of the README's "Sensor
 * config") and its systemd unit (from {@code wireguard-templates/portscope-sensor.service.mustache}).
 */
public final class SensorFiles {

    public static final String UNIT_TEMPLATE = "portscope-sensor.service.mustache";
    public static final String COLLECTOR_PLUGIN = "forward-collector";
    public static final String CRYPTOPAN_PLUGIN = "anonymize-cryptopan";
    public static final String LISTENER_PLUGIN = "capture-listener";
    public static final String RELAY_PLUGIN = "forward-honeypot";
    /** The port of the hub's own honeypot on its overlay address (the hub's default). */
    public static final int HUB_HONEYPOT_PORT = 2222;
    /** What the sensor keeps in listener mode besides {@link Layout#CAPS}: its nftables table and transparent socket. */
    public static final String LISTENER_CAPS = Layout.CAPS + ",net_admin";

    private SensorFiles() {
    }

    /**
     * Where a node's observations go beyond its own jsonl file.
     *
     * @param hub the hub's overlay address
     * @param collectorPort the hub collector's port
     * @param keyId the institution's Crypto-PAn key id, or null: addresses are forwarded as they are
     */
    public record Upstream(InetAddress hub, int collectorPort, String keyId) {

        public Upstream {
            java.util.Objects.requireNonNull(hub, "hub");
        }

        public boolean anonymized() {
            return keyId != null;
        }
    }

    /**
     * The plugins a node gets: the inventory's, and those the generated config names (the hub's
     * forwarder, and the Crypto-PAn anonymizer when the institution has a key).
     */
    public static List<String> plugins(NodeSpec node, Upstream upstream) {
        List<String> plugins = new ArrayList<>(plugins(node.sensor(), upstream));
        if (!node.ports().isEmpty()) {
            plugins.add(LISTENER_PLUGIN);
            plugins.add(RELAY_PLUGIN);
        }
        return List.copyOf(new LinkedHashSet<>(plugins));
    }

    /** The same for a node known by its sensor settings only (one that enrolled itself). */
    public static List<String> plugins(SensorSettings sensor, Upstream upstream) {
        Set<String> plugins = new LinkedHashSet<>(sensor.plugins());
        plugins.add(COLLECTOR_PLUGIN);
        if (upstream.anonymized()) {
            plugins.add(CRYPTOPAN_PLUGIN);
        }
        return List.copyOf(plugins);
    }

    /**
     * Capture on the node's outside interface; observations to a local jsonl file (real
     * addresses: it stays on the node) and, anonymized, to the hub's collector over the overlay;
     * metrics and /healthz on the node's overlay address only, so the hub checks health over the
     * tunnel and nobody outside reaches it.
     */
    public static byte[] config(NodeSpec node, PeerAddresses overlay, Upstream upstream) {
        return config(node.name(), node.sensor(), node.ports(), overlay, upstream);
    }

    /** The same for a node known by its name and sensor settings (one that enrolled itself). */
    public static byte[] config(String name, SensorSettings sensor, PeerAddresses overlay, Upstream upstream) {
        return config(name, sensor, List.of(), overlay, upstream);
    }

    /**
     * The same with listener mode on the node's assigned {@code ports} (none: off): whole
     * connections to them are relayed to the hub's honeypot over the overlay.
     */
    public static byte[] config(String name, SensorSettings sensor, List<PortRange> ports, PeerAddresses overlay,
            Upstream upstream) {
        Map<String, Object> capture = new LinkedHashMap<>();
        capture.put("plugin", "capture-pcap");
        capture.put("interface", sensor.captureInterface());
        // No port filter: the telescope watches every closed port. A node's port ranges are the
        // ones it hands to listener mode, not a limit on what it observes.
        Map<String, Object> anonymize = new LinkedHashMap<>();
        if (upstream.anonymized()) {
            anonymize.put("plugin", CRYPTOPAN_PLUGIN);
            anonymize.put("key-file", Layout.ANON_KEY);
            anonymize.put("key-id", upstream.keyId());
        } else {
            anonymize.put("plugin", "identity");
        }
        Map<String, Object> jsonl = new LinkedHashMap<>();
        jsonl.put("plugin", "forward-jsonl");
        jsonl.put("path", Layout.OBSERVATIONS);
        // The jsonl file stays on the node: a local sink, so it keeps real addresses, and says so.
        jsonl.put("raw", true);
        Map<String, Object> collector = new LinkedHashMap<>();
        collector.put("plugin", COLLECTOR_PLUGIN);
        collector.put("hub", hostForUrl(upstream.hub()) + ":" + upstream.collectorPort());
        // The hub is one hop away on the overlay: after it restarts, nodes are back within seconds
        // (the plugin's 30 s default suits a hub far away).
        collector.put("backoff-max", "10s");
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("node", name);
        config.put("capture", capture);
        config.put("anonymize", anonymize);
        config.put("forward", List.of(jsonl, collector));
        config.put("metrics", Map.of("listen", IpLiterals.format(overlay.ipv4()) + ":" + sensor.metricsPort()));
        if (!ports.isEmpty()) {
            Map<String, Object> listener = new LinkedHashMap<>();
            listener.put("plugin", LISTENER_PLUGIN);
            listener.put("ports", ports.stream().map(PortRange::toString).toList());
            Map<String, Object> relay = new LinkedHashMap<>();
            relay.put("plugin", RELAY_PLUGIN);
            relay.put("honeypot", hostForUrl(upstream.hub()) + ":" + HUB_HONEYPOT_PORT);
            config.put("listener", listener);
            config.put("relay", relay);
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        String yaml = "# portscope sensor config for node " + name + ", written by the portscope provisioner.\n"
                + "# Changes made here are overwritten on the next onboarding run.\n" + new Yaml(options).dump(config);
        return yaml.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The unit that runs the sensor as user portscope with only CAP_NET_RAW and
     * CAP_NET_BIND_SERVICE.
     *
     * @param installDir where the bundle is installed ({@link Layout#INSTALL_DIR} on a node; tests
     *     point it elsewhere to let {@code systemd-analyze verify} find the launcher)
     */
    public static byte[] unit(String node, String iface, String installDir) {
        return unit(node, iface, installDir, false);
    }

    /**
     * The same; with {@code listener} (listener mode on) the sensor also keeps CAP_NET_ADMIN, for
     * its nftables table and its transparent socket, and only then.
     */
    public static byte[] unit(String node, String iface, String installDir, boolean listener) {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("node", node);
        scope.put("wgUnit", Layout.wgUnit(iface) + ".service");
        scope.put("launcher", installDir + "/bin/portscope-sensor");
        scope.put("config", Layout.SENSOR_CONFIG);
        scope.put("stateDir", Layout.STATE_DIR);
        scope.put("user", Layout.USER);
        List<String> caps = new ArrayList<>();
        for (String cap : (listener ? LISTENER_CAPS : Layout.CAPS).split(",")) {
            caps.add("CAP_" + cap.toUpperCase(java.util.Locale.ROOT));
        }
        scope.put("capabilities", String.join(" ", caps));
        return Templates.render(UNIT_TEMPLATE, scope);
    }

    private static String hostForUrl(InetAddress address) {
        String text = IpLiterals.format(address);
        return text.indexOf(':') >= 0 ? "[" + text + "]" : text;
    }
}
