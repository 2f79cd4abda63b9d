package org.portscope.provisioner.onboard.inventory;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.portscope.provisioner.plan.Cidr;
import org.portscope.provisioner.plan.NodeNames;
import org.portscope.provisioner.plan.OverlayNetwork;
import org.portscope.provisioner.ssh.HostKeyPin;
import org.portscope.provisioner.ssh.Privilege;
import org.portscope.provisioner.wireguard.Endpoint;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads an inventory file (YAML). Every problem is an {@link InventoryException} naming the file
 * and the key, e.g. {@code inventory.yaml: nodes[2].ssh.port: 'x' is not valid; expected a port
 * 1-65535}. A {@code defaults:} section holds {@code ssh} and {@code sensor} settings shared by
 * all nodes; a node's own settings win. Relative paths are relative to the inventory's folder.
 * An {@code anonymization:} section names the institution's Crypto-PAn key, checked here (a
 * readable key file of the right form, readable by its owner only) without holding it.
 */
public final class InventoryLoader {

    private static final Set<String> TOP = Set.of("institution", "overlay", "hub", "defaults", "nodes", "known-hosts",
            "anonymization");
    private static final Set<String> SSH = Set.of("host", "port", "user", "key", "passphrase-env",
            "passphrase-file", "host-key", "sudo");
    private static final Pattern DURATION = Pattern.compile("([1-9][0-9]{0,5})(s|m|h|d)");
    private static final Set<String> SENSOR = Set.of("interface", "plugins", "metrics-port");

    private final Path file;
    private final Path dir;

    private InventoryLoader(Path file) {
        this.file = file;
        this.dir = file.toAbsolutePath().getParent();
    }

    public static Inventory load(Path file) {
        InventoryLoader loader = new InventoryLoader(file);
        Object root;
        try (Reader in = Files.newBufferedReader(file)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InventoryException(file + ": no such file (expected the inventory, a YAML file)", e);
        } catch (IOException e) {
            throw new InventoryException(file + ": cannot be read: " + e, e);
        } catch (YAMLException e) {
            throw new InventoryException(file + ": not valid YAML: " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new InventoryException(file + ": expected a YAML mapping at the top (institution:, overlay:, hub:, nodes:)");
        }
        try {
            return loader.inventory(new YamlSection("", map));
        } catch (InventoryException e) {
            throw new InventoryException(file + ": " + e.getMessage(), e);
        }
    }

    private Inventory inventory(YamlSection top) {
        top.allowOnly(TOP);
        String institution = top.parsed("institution", "a name of letters, digits, '.', '_' or '-'", NodeNames::require);
        YamlSection overlay = top.section("overlay");
        overlay.allowOnly(Set.of("ipv4", "ipv6", "interface"));
        Cidr ipv4 = overlay.parsed("ipv4", "an IPv4 CIDR such as 10.77.0.0/24", InventoryLoader::ipv4);
        Cidr ipv6 = overlay.has("ipv6") ? overlay.parsed("ipv6", "an IPv6 CIDR such as fd77::/64", InventoryLoader::ipv6) : null;
        String iface = overlay.has("interface") ? overlay.parsed("interface",
                "an interface name of 1-15 letters, digits, '_', '=', '+', '.' or '-'", InventoryLoader::interfaceName) : "wg0";
        YamlSection defaults = top.has("defaults") ? top.section("defaults") : new YamlSection("defaults", Map.of());
        defaults.allowOnly(Set.of("ssh", "sensor"));
        // Read first: the hub's enrollment API tells enrolled nodes the key id.
        Anonymization anonymization = top.has("anonymization") ? anonymization(top.section("anonymization")) : null;
        HubSpec hub = hub(top.section("hub"), anonymization == null ? null : anonymization.keyId());
        List<NodeSpec> nodes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (YamlSection node : top.has("nodes") ? top.sections("nodes") : List.<YamlSection>of()) {
            NodeSpec spec = node(node, defaults);
            if (!names.add(spec.name())) {
                throw new InventoryException(node.key("name") + ": '" + spec.name() + "' is listed twice; node names are unique");
            }
            nodes.add(spec);
        }
        Path knownHosts = top.has("known-hosts") ? path(top, "known-hosts")
                : file.toAbsolutePath().resolveSibling(file.getFileName().toString().replaceFirst("\\.ya?ml$", "") + ".known_hosts");
        return new Inventory(file.toAbsolutePath(), institution, new OverlayNetwork(ipv4, ipv6), iface, hub, nodes, knownHosts,
                anonymization);
    }

    private Anonymization anonymization(YamlSection section) {
        section.allowOnly(Set.of("key-file", "key-id"));
        Path keyFile = path(section, "key-file");
        String keyId = section.string("key-id", "the key's id stamped on observations, e.g. inst-2026a");
        Anonymization anonymization;
        try {
            anonymization = new Anonymization(keyFile, keyId);
        } catch (IllegalArgumentException e) {
            throw section.bad("key-id", keyId, Anonymization.KEY_ID_RULE);
        }
        try {
            java.util.Arrays.fill(anonymization.read(), (byte) 0); // checked now, so a run does not fail on every node for it
        } catch (IllegalArgumentException e) {
            throw new InventoryException(section.key("key-file") + ": " + e.getMessage());
        }
        return anonymization;
    }

    private HubSpec hub(YamlSection hub, String anonymizationKeyId) {
        hub.allowOnly(Set.of("ssh", "endpoint", "listen-port", "collector-port", "api-port", "retention", "enrollment-port"));
        SshAccess ssh = ssh(hub.section("ssh"));
        int listenPort = hub.integer("listen-port", HubSpec.DEFAULT_LISTEN_PORT, 1, 65535, "a UDP port 1-65535");
        Endpoint endpoint = hub.has("endpoint")
                ? hub.parsed("endpoint", "host:port where nodes reach the hub", Endpoint::parse)
                : new Endpoint(ssh.host(), listenPort);
        int collector = hub.integer("collector-port", HubService.DEFAULT_COLLECTOR_PORT, 1024, 65535,
                "a TCP port 1024-65535 (the hub service runs unprivileged)");
        int api = hub.integer("api-port", HubService.DEFAULT_API_PORT, 1024, 65535,
                "a TCP port 1024-65535 (the hub service runs unprivileged)");
        if (collector == api) {
            throw hub.bad("api-port", api, "a port other than the collector's (" + collector + ")");
        }
        Duration retention = hub.has("retention")
                ? hub.parsed("retention", "a duration such as 90d, 12h or 30m", InventoryLoader::duration)
                : HubService.DEFAULT_RETENTION;
        int enrollment = hub.integer("enrollment-port", 0, 0, 65535, "a TCP port 1024-65535 (0: no enrollment API)");
        if (enrollment > 0 && enrollment < 1024) {
            throw hub.bad("enrollment-port", enrollment, "a TCP port 1024-65535 (the hub service runs unprivileged)");
        }
        return new HubSpec(ssh, endpoint, listenPort, new HubService(collector, api, retention, enrollment,
                anonymizationKeyId));
    }

    private static Duration duration(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("a number and a unit s, m, h or d");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private NodeSpec node(YamlSection node, YamlSection defaults) {
        node.allowOnly(Set.of("name", "ssh", "ports", "sensor"));
        String name = node.parsed("name", "1-63 letters, digits, '.', '_' or '-'", NodeNames::require);
        SshAccess ssh = ssh(merged(node, "ssh", defaults));
        List<PortRange> ports = new ArrayList<>();
        for (String range : node.strings("ports")) {
            try {
                ports.add(PortRange.parse(range));
            } catch (IllegalArgumentException e) {
                throw node.bad("ports", range, "ports such as 20-30 or 8080");
            }
        }
        return new NodeSpec(name, ssh, ports, sensor(merged(node, "sensor", defaults)), node.path());
    }

    private SensorSettings sensor(YamlSection sensor) {
        sensor.allowOnly(SENSOR);
        String iface = sensor.string("interface", "eth0", "a network interface name");
        if (!iface.matches("[^/\\s]{1,15}")) {
            throw sensor.bad("interface", iface, "a network interface name (1-15 characters, no '/' or spaces)");
        }
        List<String> plugins = sensor.has("plugins") ? sensor.strings("plugins") : SensorSettings.REQUIRED_PLUGINS;
        for (String plugin : plugins) {
            if (!plugin.matches("[a-z0-9][a-z0-9._-]*")) {
                throw sensor.bad("plugins", plugin, "plugin names such as capture-pcap (the jar's name without .jar)");
            }
        }
        for (String required : SensorSettings.REQUIRED_PLUGINS) {
            if (!plugins.contains(required)) {
                throw sensor.bad("plugins", plugins, "a list that includes " + SensorSettings.REQUIRED_PLUGINS
                        + " (the sensor config onboarding writes uses them)");
            }
        }
        int metrics = sensor.integer("metrics-port", SensorSettings.DEFAULT_METRICS_PORT, 1, 65535, "a TCP port 1-65535");
        return new SensorSettings(iface, plugins, metrics);
    }

    private SshAccess ssh(YamlSection ssh) {
        ssh.allowOnly(SSH);
        String host = ssh.string("host", "a DNS name or IP address");
        if (host.isEmpty() || host.chars().anyMatch(c -> c <= ' ' || c == '[' || c == ']' || c == '@')) {
            throw ssh.bad("host", host, "a DNS name or IP address (no brackets, spaces or user@)");
        }
        int port = ssh.integer("port", 22, 1, 65535, "a port 1-65535");
        String user = ssh.string("user", "root", "a user name");
        if (!user.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*")) {
            throw ssh.bad("user", user, "a plain user name");
        }
        Path key = path(ssh, "key");
        String env = ssh.has("passphrase-env") ? ssh.string("passphrase-env", "an environment variable name") : null;
        if (env != null && !env.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw ssh.bad("passphrase-env", env, "an environment variable name");
        }
        Path passFile = ssh.has("passphrase-file") ? path(ssh, "passphrase-file") : null;
        if (env != null && passFile != null) {
            throw new InventoryException(ssh.path() + ": set passphrase-env or passphrase-file, not both");
        }
        String pin = ssh.string("host-key", "tofu", "a host key line, a SHA256: fingerprint or tofu");
        HostKeyPin hostKey = pin.equals("tofu") ? null
                : ssh.parsed("host-key", "a public key line (ssh-ed25519 AAAA...), a SHA256: fingerprint or tofu", HostKeyPin::parse);
        boolean sudo = ssh.bool("sudo", !user.equals("root"));
        if (!user.equals("root") && !sudo) {
            throw ssh.bad("sudo", false, "true for a login user other than root (onboarding needs root on the machine)");
        }
        return new SshAccess(host, port, user, key, env, passFile, hostKey, user.equals("root") ? Privilege.ROOT : Privilege.SUDO);
    }

    /** A node's section over the defaults' one: a node's keys win. */
    private static YamlSection merged(YamlSection node, String key, YamlSection defaults) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (defaults.has(key)) {
            defaults.section(key).forEachValue(values::put);
        }
        if (node.has(key)) {
            node.section(key).forEachValue(values::put);
        }
        return new YamlSection(node.key(key), values);
    }

    private Path path(YamlSection section, String key) {
        String text = section.string(key, "a file path");
        if (text.isEmpty() || text.indexOf('\0') >= 0) {
            throw section.bad(key, text, "a file path");
        }
        if (text.equals("~") || text.startsWith("~/")) {
            text = System.getProperty("user.home") + text.substring(1);
        }
        return dir.resolve(text).normalize();
    }

    private static Cidr ipv4(String text) {
        Cidr cidr = Cidr.parse(text);
        if (!cidr.isIpv4()) {
            throw new IllegalArgumentException("not IPv4");
        }
        return cidr;
    }

    private static Cidr ipv6(String text) {
        Cidr cidr = Cidr.parse(text);
        if (cidr.isIpv4()) {
            throw new IllegalArgumentException("not IPv6");
        }
        return cidr;
    }

    private static String interfaceName(String name) {
        if (!name.matches("[a-zA-Z0-9_=+.-]{1,15}")) {
            throw new IllegalArgumentException("wg-quick's rule");
        }
        return name;
    }
}
