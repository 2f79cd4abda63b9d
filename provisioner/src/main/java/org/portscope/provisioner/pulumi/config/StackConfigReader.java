package org.portscope.provisioner.pulumi.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.portscope.provisioner.onboard.inventory.Anonymization;
import org.portscope.provisioner.onboard.inventory.PortRange;
import org.portscope.provisioner.onboard.inventory.SensorSettings;
import org.portscope.provisioner.plan.Cidr;
import org.portscope.provisioner.plan.NodeNames;
import org.portscope.provisioner.ssh.HostKeyPin;
import org.portscope.provisioner.wireguard.Endpoint;

/**
 * Reads the stack config as the Pulumi CLI hands it to the program: {@code PULUMI_CONFIG} (a JSON
 * object of {@code project:key} to text, structured values as JSON text) and
 * {@code PULUMI_CONFIG_SECRET_KEYS} (the keys set with {@code --secret}). Every problem is
 * reported, each naming its key; secrets must have been set as secrets, and their values never
 * appear in a message.
 */
public final class StackConfigReader {

    static final Set<String> KEYS = Set.of("institution", "overlay", "hub", "nodes", "enrollment", "sshPrivateKey",
            "sshKeyPassphrase", "anonymizationKey", "anonymizationKeyId", "bundle", "hubJar");
    static final Set<String> SECRETS = Set.of("sshPrivateKey", "sshKeyPassphrase", "anonymizationKey");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String namespace;
    private final List<String> problems = new ArrayList<>();

    private StackConfigReader(String project) {
        this.namespace = project + ":";
    }

    /** From the program's environment ({@code PULUMI_PROJECT}, {@code PULUMI_CONFIG}, {@code PULUMI_CONFIG_SECRET_KEYS}). */
    public static StackConfig fromEnvironment(Map<String, String> env) {
        String project = env.getOrDefault("PULUMI_PROJECT", "portscope");
        Map<String, String> config = new LinkedHashMap<>();
        Set<String> secrets = new HashSet<>();
        try {
            JsonNode all = JSON.readTree(env.getOrDefault("PULUMI_CONFIG", "{}"));
            all.properties().forEach(e -> config.put(cleanKey(e.getKey()), e.getValue().asText()));
            JSON.readTree(env.getOrDefault("PULUMI_CONFIG_SECRET_KEYS", "[]")).forEach(k -> secrets.add(cleanKey(k.asText())));
        } catch (JsonProcessingException e) {
            throw new ConfigException(List.of("PULUMI_CONFIG: not the JSON the Pulumi CLI writes: " + e.getOriginalMessage()));
        }
        return read(project, config, secrets);
    }

    /** {@code project:config:key}, as older CLIs write it, is {@code project:key}. */
    private static String cleanKey(String key) {
        int colon = key.indexOf(':');
        return colon > 0 && key.startsWith("config:", colon + 1) ? key.substring(0, colon + 1) + key.substring(colon + 8) : key;
    }

    /**
     * @param config {@code project:key} to its text
     * @param secretKeys the keys that were set as secrets
     * @throws ConfigException naming every key that is wrong
     */
    public static StackConfig read(String project, Map<String, String> config, Set<String> secretKeys) {
        return new StackConfigReader(project).config(config, secretKeys);
    }

    private StackConfig config(Map<String, String> config, Set<String> secretKeys) {
        ObjectNode top = JSON.createObjectNode();
        config.forEach((key, text) -> {
            if (key.startsWith(namespace)) {
                top.set(key.substring(namespace.length()), value(key, text));
            }
        });
        JsonSection root = new JsonSection(namespace, top, problems);
        root.allowOnly(KEYS);
        for (String secret : SECRETS) {
            if (root.has(secret) && !secretKeys.contains(namespace + secret)) {
                root.problem(secret, "is not a secret; set it with: pulumi config set --secret " + secret
                        + (secret.equals("sshPrivateKey") ? " < ~/.ssh/KEYFILE" : " VALUE")
                        + " (and remove the plain value from the stack file)");
            }
        }
        String institution = root.parsed("institution", null, "a name of letters, digits, '.', '_' or '-'", NodeNames::require);
        StackConfig.Overlay overlay = overlay(root.section("overlay", true));
        StackConfig.Hub hub = hub(root.section("hub", true));
        List<StackConfig.Node> nodes = nodes(root);
        StackConfig.Enrollment enrollment = enrollment(root.section("enrollment", false));
        String key = secretText(root, "sshPrivateKey", true);
        if (key != null && !key.startsWith("-----BEGIN ")) {
            root.problem("sshPrivateKey", "is not a private key file's text (expected it to start with -----BEGIN)");
        }
        String passphrase = secretText(root, "sshKeyPassphrase", false);
        String anonymization = secretText(root, "anonymizationKey", true);
        if (anonymization != null && !anonymization.replaceAll("\\s", "").matches("[0-9a-fA-F]{64}")) {
            root.problem("anonymizationKey", "is not a Crypto-PAn key (expected 64 hex digits; make one with"
                    + " bin/portscope-sensor keygen-anon)");
        }
        String keyId = root.string("anonymizationKeyId", institution == null ? "" : institution, "a key id");
        if (keyId != null && !keyId.isEmpty() && !Anonymization.isKeyId(keyId)) {
            root.bad("anonymizationKeyId", keyId, Anonymization.KEY_ID_RULE + " (stamped on every observation)");
        }
        String bundle = root.string("bundle", "", "the sensor bundle folder");
        String hubJar = root.string("hubJar", "", "the hub service's jar");
        if (overlay != null && overlay.ipv4() != null) {
            fits(root, overlay.ipv4(), nodes.size());
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new StackConfig(institution, overlay, hub, nodes, enrollment, key, passphrase,
                anonymization.replaceAll("\\s", "").toLowerCase(java.util.Locale.ROOT), keyId, bundle.isEmpty() ? null : bundle,
                hubJar.isEmpty() ? null : hubJar);
    }

    /** Structured values come as JSON text; anything else is a plain string. */
    private JsonNode value(String key, String text) {
        String t = text.strip();
        if (t.startsWith("{") || t.startsWith("[")) {
            try {
                return JSON.readTree(t);
            } catch (JsonProcessingException e) {
                problems.add(key + ": not valid structured config: " + e.getOriginalMessage());
            }
        }
        return JSON.getNodeFactory().textNode(text);
    }

    private static String secretText(JsonSection root, String key, boolean required) {
        if (!root.has(key)) {
            if (required) {
                root.problem(key, "missing; set it with: pulumi config set --secret " + key
                        + (key.equals("sshPrivateKey") ? " < ~/.ssh/KEYFILE" : " VALUE"));
            }
            return null;
        }
        return root.string(key, null, "a secret");
    }

    private StackConfig.Overlay overlay(JsonSection overlay) {
        overlay.allowOnly(Set.of("ipv4", "ipv6", "interface"));
        Cidr ipv4 = overlay.parsed("ipv4", null, "an IPv4 CIDR such as 10.77.0.0/24", text -> family(text, true));
        Cidr ipv6 = overlay.has("ipv6") ? overlay.parsed("ipv6", null, "an IPv6 CIDR such as fd77::/64", text -> family(text, false)) : null;
        String iface = overlay.string("interface", "wg0", "an interface name");
        if (iface != null && !iface.matches("[a-zA-Z0-9_=+.-]{1,15}")) {
            overlay.bad("interface", iface, "an interface name of 1-15 letters, digits, '_', '=', '+', '.' or '-'");
        }
        return ipv4 == null ? null : new StackConfig.Overlay(ipv4.toString(), ipv6 == null ? null : ipv6.toString(), iface);
    }

    private static Cidr family(String text, boolean ipv4) {
        Cidr cidr = Cidr.parse(text);
        if (cidr.isIpv4() != ipv4) {
            throw new IllegalArgumentException(ipv4 ? "not IPv4" : "not IPv6");
        }
        return cidr;
    }

    private void fits(JsonSection root, String ipv4, int nodes) {
        BigInteger usable = Cidr.parse(ipv4).usableCount();
        if (usable.compareTo(BigInteger.valueOf(nodes + 1L)) < 0) {
            root.problem("overlay", "ipv4 " + ipv4 + " has " + usable + " usable addresses; the hub and "
                    + nodes + " nodes need " + (nodes + 1));
        }
    }

    private StackConfig.Hub hub(JsonSection hub) {
        hub.allowOnly(Set.of("ssh", "endpoint", "listenPort", "enrollmentPort"));
        StackConfig.Ssh ssh = ssh(hub.section("ssh", true));
        int listenPort = hub.integer("listenPort", 51820, 1, 65535, "a UDP port 1-65535");
        String endpoint = hub.has("endpoint")
                ? hub.parsed("endpoint", null, "host:port where nodes reach the hub", Endpoint::parse) == null ? null
                        : hub.string("endpoint", null, "host:port")
                : ssh == null ? null : new Endpoint(ssh.host(), listenPort).toString();
        String enrollmentHelp = "a TCP port 1024-65535 (0: no enrollment API)";
        int enrollmentPort = hub.integer("enrollmentPort", 0, 0, 65535, enrollmentHelp);
        if (enrollmentPort != 0 && enrollmentPort < 1024) {
            hub.bad("enrollmentPort", enrollmentPort, enrollmentHelp); // the provider's Check refuses it too, but later
        }
        return ssh == null || endpoint == null ? null : new StackConfig.Hub(ssh, endpoint, listenPort, enrollmentPort);
    }

    static final String HOST_KEY_HELP = "the machine's host key: its public key line (ssh-ed25519 AAAA...) or"
            + " SHA256: fingerprint, as `ssh-keyscan HOST | ssh-keygen -lf -` prints it";

    private StackConfig.Ssh ssh(JsonSection ssh) {
        ssh.allowOnly(Set.of("host", "port", "user", "hostKey", "sudo"));
        String host = ssh.string("host", null, "a DNS name or IP address");
        if (host != null && (host.isEmpty() || host.chars().anyMatch(c -> c <= ' ' || c == '[' || c == ']' || c == '@'))) {
            ssh.bad("host", host, "a DNS name or IP address (no brackets, spaces or user@)");
            host = null;
        }
        int port = ssh.integer("port", 22, 1, 65535, "a port 1-65535");
        String user = ssh.string("user", "root", "a user name");
        if (user != null && !user.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*")) {
            ssh.bad("user", user, "a plain user name");
        }
        HostKeyPin pin = ssh.parsed("hostKey", null, HOST_KEY_HELP, HostKeyPin::parse);
        boolean sudo = ssh.bool("sudo", !"root".equals(user));
        if (user != null && !user.equals("root") && !sudo) {
            ssh.bad("sudo", false, "true for a login user other than root (onboarding needs root on the machine)");
        }
        return host == null || user == null || pin == null ? null
                : new StackConfig.Ssh(host, port, user, ssh.string("hostKey", null, HOST_KEY_HELP), sudo);
    }

    private List<StackConfig.Node> nodes(JsonSection root) {
        List<StackConfig.Node> nodes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonSection node : root.sections("nodes")) {
            node.allowOnly(Set.of("name", "ssh", "ports", "sensor"));
            String name = node.parsed("name", null, "1-63 letters, digits, '.', '_' or '-'", NodeNames::require);
            if (name != null && !names.add(name)) {
                node.bad("name", name, "a name no other node has (node names are unique)");
            }
            StackConfig.Ssh ssh = ssh(node.section("ssh", true));
            List<String> ports = node.strings("ports", List.of());
            for (String range : ports) {
                try {
                    PortRange.parse(range);
                } catch (IllegalArgumentException e) {
                    node.bad("ports", range, "ports such as 20-30 or 8080");
                }
            }
            StackConfig.Sensor sensor = sensor(node.section("sensor", false));
            if (name != null && ssh != null && sensor != null) {
                nodes.add(new StackConfig.Node(name, ssh, ports, sensor));
            }
        }
        return nodes;
    }

    private StackConfig.Sensor sensor(JsonSection sensor) {
        sensor.allowOnly(Set.of("interface", "plugins", "metricsPort"));
        String iface = sensor.string("interface", "eth0", "a network interface name");
        if (iface != null && !iface.matches("[^/\\s]{1,15}")) {
            sensor.bad("interface", iface, "a network interface name (1-15 characters, no '/' or spaces)");
            return null;
        }
        List<String> plugins = sensor.strings("plugins", SensorSettings.REQUIRED_PLUGINS);
        if (plugins.stream().anyMatch(p -> !p.matches("[a-z0-9][a-z0-9._-]*")) || !plugins.containsAll(SensorSettings.REQUIRED_PLUGINS)) {
            sensor.bad("plugins", plugins, "plugin names (the jars' names without .jar) including " + SensorSettings.REQUIRED_PLUGINS);
            return null;
        }
        int metrics = sensor.integer("metricsPort", SensorSettings.DEFAULT_METRICS_PORT, 1, 65535, "a TCP port 1-65535");
        return iface == null ? null : new StackConfig.Sensor(iface, plugins, metrics);
    }

    private StackConfig.Enrollment enrollment(JsonSection enrollment) {
        enrollment.allowOnly(Set.of("tokens", "uses", "ttl"));
        int tokens = enrollment.integer("tokens", 0, 0, 100, "a number of tokens 0-100");
        int uses = enrollment.integer("uses", 1, 1, 10_000, "a number of uses 1-10000");
        String ttl = enrollment.string("ttl", "7d", "a duration such as 30m, 12h or 7d");
        if (ttl != null && !validTtl(ttl)) {
            enrollment.bad("ttl", ttl, "a duration such as 30m, 12h or 7d (at most 365d)");
        }
        return new StackConfig.Enrollment(tokens, uses, ttl == null ? "7d" : ttl);
    }

    private static boolean validTtl(String ttl) {
        if (!ttl.matches("[1-9][0-9]{0,5}[mhd]")) {
            return false;
        }
        long amount = Long.parseLong(ttl.substring(0, ttl.length() - 1));
        long minutes = switch (ttl.charAt(ttl.length() - 1)) {
            case 'm' -> amount;
            case 'h' -> amount * 60;
            default -> amount * 1440;
        };
        return minutes <= 365L * 1440;
    }
}
