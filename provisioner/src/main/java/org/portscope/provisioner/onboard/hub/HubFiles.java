package org.portscope.provisioner.onboard.hub;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.portscope.provisioner.onboard.inventory.HubService;
import org.portscope.provisioner.onboard.machine.Layout;
import org.portscope.provisioner.onboard.machine.Templates;
import org.portscope.provisioner.plan.IpLiterals;
import org.portscope.provisioner.plan.PeerAddresses;
import org.portscope.provisioner.wireguard.WgPublicKey;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The hub service's files: its config ({@code /etc/portscope-hub/hub.yaml}, the format of
 * {@code portscope-hub run --help}), its peers file (overlay address to node, which the hub reads
 * again when it changes) and its systemd unit (from
 * {@code wireguard-templates/portscope-hub.service.mustache}).
 */
public final class HubFiles {

    public static final String UNIT_TEMPLATE = "portscope-hub.service.mustache";
    /** A small heap: the store (DuckDB) works outside it, under its own memory limit. */
    static final String JAVA_OPTIONS = "-Xmx512m -XX:+UseSerialGC";
    /** How often the hub looks at the peers file; it also looks before refusing an unknown address. */
    static final String PEERS_REFRESH = "2s";

    private HubFiles() {
    }

    /**
     * The collector and the API on the hub's overlay address only: nodes reach the collector
     * through their tunnels, and nobody outside the overlay reaches either.
     */
    public static byte[] config(InetAddress overlay, HubService service) {
        String host = hostForUrl(overlay);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("collector", Map.of("listen", host + ":" + service.collectorPort()));
        config.put("api", Map.of("listen", host + ":" + service.apiPort()));
        Map<String, Object> store = new LinkedHashMap<>();
        store.put("path", Layout.HUB_STORE);
        store.put("retention", service.retentionText());
        config.put("store", store);
        Map<String, Object> peers = new LinkedHashMap<>();
        peers.put("file", Layout.HUB_PEERS);
        peers.put("refresh", PEERS_REFRESH);
        config.put("peers", peers);
        return yaml("portscope hub config", config);
    }

    /**
     * The nodes the collector accepts batches from, by the overlay address WireGuard authenticated;
     * their observations are filed under the node's name and the institution.
     *
     * @param nodes node name to its overlay addresses, in the order to list them
     */
    public static byte[] peers(String institution, Map<String, PeerAddresses> nodes) {
        List<Map<String, Object>> peers = new ArrayList<>();
        // Nodes send from their IPv4 overlay address (the collector is on the hub's IPv4 one).
        nodes.forEach((name, addresses) -> {
            Map<String, Object> peer = new LinkedHashMap<>();
            peer.put("name", name);
            peer.put("institution", institution);
            peer.put("address", IpLiterals.format(addresses.ipv4()));
            peers.add(peer);
        });
        return yaml("portscope hub peers", Map.of("peers", peers));
    }

    /**
     * The enrollment API's config ({@code portscope-hub run --enrollment FILE}): HTTPS on the
     * hub's public address (its endpoint's host); enrolled nodes get {@code hubKey} as their peer,
     * and, when the institution anonymizes ({@link HubService#anonymizationKeyId()}), its key id,
     * so that their sensors anonymize too (with the key the operator puts on the node: the hub
     * never holds it).
     */
    public static byte[] enrollment(String institution, WgPublicKey hubKey, String overlayCidr, InetAddress overlay,
            String endpointHost, int wgPort, HubService service) {
        Map<String, Object> config = new LinkedHashMap<>();
        String listenHost = endpointHost.indexOf(':') >= 0 ? "[" + endpointHost + "]" : endpointHost;
        config.put("listen", listenHost + ":" + service.enrollmentPort());
        config.put("institution", institution);
        config.put("hub-public-key", hubKey.base64());
        config.put("overlay", overlayCidr);
        config.put("hub-address", IpLiterals.format(overlay));
        config.put("endpoint", listenHost + ":" + wgPort);
        config.put("collector", hostForUrl(overlay) + ":" + service.collectorPort());
        config.put("state-dir", Layout.HUB_STATE_DIR);
        config.put("bundle", org.portscope.provisioner.enroll.NodeBundle.ON_HUB);
        if (service.anonymizationKeyId() != null) {
            config.put("anonymization-key-id", service.anonymizationKeyId());
        }
        return yaml("portscope hub enrollment config", config);
    }

    /**
     * The key id an enrollment config (as {@link #enrollment} writes it) tells enrolled nodes to
     * anonymize under, or null when they forward addresses as they are.
     *
     * @throws IllegalArgumentException when the config is not a YAML mapping or the id is not text
     */
    public static String enrollmentKeyId(byte[] config) {
        Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(new String(config, StandardCharsets.UTF_8));
        if (!(tree instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("the hub's enrollment config is not a YAML mapping");
        }
        Object keyId = map.get("anonymization-key-id");
        if (keyId != null && !(keyId instanceof String)) {
            throw new IllegalArgumentException("the hub's enrollment config has an anonymization-key-id that is not text");
        }
        return (String) keyId;
    }

    /**
     * The unit that runs the hub service as user portscope-hub without capabilities.
     *
     * @param jar where the hub's jar is ({@link Layout#HUB_JAR} on a hub)
     */
    public static byte[] unit(String iface, String jar) {
        return unit(iface, jar, false);
    }

    /** The unit; with {@code enrollment}, the service runs the enrollment API too. */
    public static byte[] unit(String iface, String jar, boolean enrollment) {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("wgUnit", Layout.wgUnit(iface) + ".service");
        // env finds java on systemd's PATH, wherever the JDK onboarding found or installed put it
        scope.put("java", "/usr/bin/env java");
        scope.put("javaOptions", JAVA_OPTIONS);
        scope.put("jar", jar);
        scope.put("config", Layout.HUB_CONFIG + (enrollment ? " --enrollment " + Layout.HUB_ENROLLMENT : ""));
        scope.put("stateDir", Layout.HUB_STATE_DIR.substring("/var/lib/".length()));
        scope.put("user", Layout.HUB_USER);
        return Templates.render(UNIT_TEMPLATE, scope);
    }

    /** The unit that applies the hub's peers, its config's and the enrolled nodes' (portscope-wg-apply). */
    public static byte[] peersService(String iface) {
        return peersService(iface, Layout.WG_APPLY);
    }

    /** @param apply where portscope-wg-apply is ({@link Layout#WG_APPLY} on a hub) */
    public static byte[] peersService(String iface, String apply) {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("iface", iface);
        scope.put("wgUnit", Layout.wgUnit(iface) + ".service");
        scope.put("apply", apply);
        return Templates.render("portscope-hub-peers.service.mustache", scope);
    }

    /** The path unit that starts {@link #peersService} when the enrolled peers change. */
    public static byte[] peersPath() {
        return org.portscope.provisioner.onboard.machine.Assets.resource("wireguard-templates/portscope-hub-peers.path");
    }

    /** The command the supervisor runs where systemd does not: the unit's ExecStart. */
    static String command(boolean enrollment) {
        return "java " + JAVA_OPTIONS + " -jar " + Layout.HUB_JAR + " run --config " + Layout.HUB_CONFIG
                + (enrollment ? " --enrollment " + Layout.HUB_ENROLLMENT : "");
    }

    static String hostForUrl(InetAddress address) {
        String text = IpLiterals.format(address);
        return text.indexOf(':') >= 0 ? "[" + text + "]" : text;
    }

    private static byte[] yaml(String what, Object tree) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        String text = "# " + what + ", written by the portscope provisioner.\n"
                + "# Changes made here are overwritten on the next provisioning run.\n" + new Yaml(options).dump(tree);
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
