package org.portscope.provisioner.onboard.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.portscope.provisioner.onboard.inventory.SshAccess;
import org.portscope.provisioner.plan.IpLiterals;
import org.portscope.provisioner.plan.PeerAddresses;
import org.portscope.provisioner.ssh.HostKeyPin;
import org.portscope.provisioner.ssh.Privilege;
import org.portscope.provisioner.wireguard.WgPresharedKey;
import org.portscope.provisioner.wireguard.WgPublicKey;

/** The state file's JSON, written by hand so the format is ours and does not follow class shapes. */
final class StateCodec {

    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private StateCodec() {
    }

    static byte[] write(String institution, WgPublicKey hub, Map<String, NodeRecord> nodes) throws java.io.IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        root.put("institution", institution);
        root.put("hubPublicKey", hub == null ? null : hub.base64());
        ObjectNode all = root.putObject("nodes");
        nodes.forEach((name, node) -> {
            ObjectNode n = all.putObject(name);
            n.put("ipv4", IpLiterals.format(node.addresses().ipv4()));
            n.put("ipv6", node.addresses().ipv6() == null ? null : IpLiterals.format(node.addresses().ipv6()));
            n.put("publicKey", node.publicKey() == null ? null : node.publicKey().base64());
            n.put("presharedKey", node.presharedKey().toBase64());
            n.put("metricsPort", node.metricsPort());
            SshAccess ssh = node.ssh();
            if (ssh == null) {
                n.putNull("ssh");
                return;
            }
            ObjectNode s = n.putObject("ssh");
            s.put("host", ssh.host());
            s.put("port", ssh.port());
            s.put("user", ssh.user());
            s.put("key", ssh.key().toString());
            s.put("passphraseEnv", ssh.passphraseEnv());
            s.put("passphraseFile", ssh.passphraseFile() == null ? null : ssh.passphraseFile().toString());
            s.put("hostKey", ssh.hostKey() == null ? null : ssh.hostKey().describe());
            s.put("sudo", ssh.privilege() == Privilege.SUDO);
        });
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    record Decoded(String institution, WgPublicKey hub, Map<String, NodeRecord> nodes) {
    }

    static Decoded read(byte[] bytes, Path file) throws java.io.IOException {
        JsonNode root = JSON.readTree(bytes);
        if (root == null || root.path("version").asInt() != VERSION) {
            throw new IllegalArgumentException(file + ": not a portscope state file of version " + VERSION);
        }
        Map<String, NodeRecord> nodes = new LinkedHashMap<>();
        root.path("nodes").properties().forEach(e -> {
            JsonNode n = e.getValue();
            JsonNode s = n.path("ssh");
            PeerAddresses addresses = new PeerAddresses(
                    IpLiterals.parse(n.path("ipv4").asText(), file + ": nodes." + e.getKey() + ".ipv4"),
                    n.path("ipv6").isTextual() ? IpLiterals.parse(n.path("ipv6").asText(), "ipv6") : null);
            SshAccess ssh = !s.isObject() ? null : new SshAccess(s.path("host").asText(), s.path("port").asInt(22), s.path("user").asText(),
                    Path.of(s.path("key").asText()), text(s, "passphraseEnv"),
                    text(s, "passphraseFile") == null ? null : Path.of(text(s, "passphraseFile")),
                    text(s, "hostKey") == null ? null : HostKeyPin.parse(text(s, "hostKey")),
                    s.path("sudo").asBoolean() ? Privilege.SUDO : Privilege.ROOT);
            nodes.put(e.getKey(), new NodeRecord(addresses, WgPresharedKey.parse(n.path("presharedKey").asText()),
                    text(n, "publicKey") == null ? null : WgPublicKey.parse(text(n, "publicKey")), ssh,
                    n.path("metricsPort").asInt()));
        });
        return new Decoded(root.path("institution").asText(),
                text(root, "hubPublicKey") == null ? null : WgPublicKey.parse(text(root, "hubPublicKey")), nodes);
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value.asText();
    }
}
