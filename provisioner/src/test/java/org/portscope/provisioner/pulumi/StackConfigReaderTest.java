package org.portscope.provisioner.pulumi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.portscope.provisioner.pulumi.config.ConfigException;
import org.portscope.provisioner.pulumi.config.StackConfig;
import org.portscope.provisioner.pulumi.config.StackConfigReader;

/** The stack config as the CLI hands it over, and every mistake named by its key. */
class StackConfigReaderTest {

    private static Map<String, String> example() throws Exception {
        return StackFiles.withSecrets(StackFiles.config("example-university"));
    }

    @Test
    void theExampleStackReadsWithItsDefaults() throws Exception {
        StackConfig config = StackConfigReader.read("portscope", example(), StackFiles.SECRET_KEYS);
        assertEquals("example-university", config.institution());
        assertEquals(new StackConfig.Overlay("10.77.0.0/24", "fd77:0:0:1::/64", "wg0"), config.overlay());
        assertEquals(3, config.nodes().size());
        StackConfig.Node physics = config.nodes().get(1);
        assertEquals(new StackConfig.Ssh("192.0.2.20", 22, "root",
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAID0Eaj7XoxgeSLbeyxiXd8lPBAk4w1xr2j74s17bOYAX physics-gw", false), physics.ssh());
        assertEquals(new StackConfig.Sensor("eth0", List.of("capture-pcap", "forward-jsonl"), 9105), physics.sensor());
        assertEquals(2222, config.nodes().get(2).ssh().port());
        assertEquals(new StackConfig.Enrollment(2, 1, "7d"), config.enrollment());
        assertNull(config.sshKeyPassphrase());
        assertEquals("example-university", config.anonymizationKeyId(), "the key id defaults to the institution");
        assertFalse(config.toString().contains(StackFiles.ANON_KEY), config.toString());
        assertFalse(config.toString().contains("OPENSSH"), config.toString());
    }

    @Test
    void readsTheEnvironmentTheCliSets() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, String> config = new LinkedHashMap<>();
        example().forEach((k, v) -> config.put(k.replace("portscope:", "portscope:config:"), v));
        StackConfig read = StackConfigReader.fromEnvironment(Map.of("PULUMI_PROJECT", "portscope",
                "PULUMI_CONFIG", json.writeValueAsString(config),
                "PULUMI_CONFIG_SECRET_KEYS", json.writeValueAsString(List.of("portscope:sshPrivateKey", "portscope:anonymizationKey"))));
        assertEquals("hub.example.edu:51820", read.hub().endpoint());
        assertEquals(StackFiles.ANON_KEY, read.anonymizationKey());
    }

    @Test
    void aSecretSetInPlainTextIsRefused() throws Exception {
        ConfigException e = assertThrows(ConfigException.class,
                () -> StackConfigReader.read("portscope", example(), Set.of("portscope:anonymizationKey")));
        assertEquals(List.of("portscope:sshPrivateKey: is not a secret; set it with: pulumi config set --secret sshPrivateKey"
                + " < ~/.ssh/KEYFILE (and remove the plain value from the stack file)"), e.problems());
        assertFalse(e.getMessage().contains("OPENSSH"), "the message shows the key: " + e.getMessage());
    }

    @Test
    void missingSecretsSayHowToSetThem() throws Exception {
        ConfigException e = assertThrows(ConfigException.class,
                () -> StackConfigReader.read("portscope", StackFiles.config("example-university"), StackFiles.SECRET_KEYS));
        assertEquals(List.of("portscope:sshPrivateKey: missing; set it with: pulumi config set --secret sshPrivateKey < ~/.ssh/KEYFILE",
                "portscope:anonymizationKey: missing; set it with: pulumi config set --secret anonymizationKey VALUE"), e.problems());
    }

    @Test
    void everyMistakeIsNamedByItsKey() throws Exception {
        assertProblems(c -> c.put("portscope:nodes", c.get("portscope:nodes").replace("\"port\":2222", "\"port\":0")),
                "portscope:nodes[2].ssh.port: '0' is not valid; expected a port 1-65535");
        assertProblems(c -> c.put("portscope:nodes", c.get("portscope:nodes").replace("physics-gw\",", "library-fw\",")),
                "portscope:nodes[1].name: 'library-fw' is not valid; expected a name no other node has (node names are unique)");
        assertProblems(c -> c.put("portscope:hub", c.get("portscope:hub").replace("\"hostKey\"", "\"hostkey\"")),
                "portscope:hub.ssh.hostkey: unknown key; expected one of [host, hostKey, port, sudo, user]",
                "portscope:hub.ssh.hostKey: missing; expected the machine's host key: its public key line (ssh-ed25519 AAAA...)"
                        + " or SHA256: fingerprint, as `ssh-keyscan HOST | ssh-keygen -lf -` prints it");
        assertProblems(c -> c.put("portscope:overlay", "{\"ipv4\":\"10.77.0.0/30\"}"),
                "portscope:overlay: ipv4 10.77.0.0/30 has 2 usable addresses; the hub and 3 nodes need 4");
        assertProblems(c -> c.put("portscope:overlay", "{\"ipv4\":\"fd00::/64\"}"),
                "portscope:overlay.ipv4: 'fd00::/64' is not valid; expected an IPv4 CIDR such as 10.77.0.0/24 (not IPv4)");
        assertProblems(c -> c.put("portscope:enrollment", "{\"tokens\":2,\"ttl\":\"2y\"}"),
                "portscope:enrollment.ttl: '2y' is not valid; expected a duration such as 30m, 12h or 7d (at most 365d)");
        assertProblems(c -> c.put("portscope:nodes", c.get("portscope:nodes").replace("[\"capture-pcap\",\"forward-jsonl\"]", "[\"capture-pcap\"]")),
                "portscope:nodes[0].sensor.plugins: '[capture-pcap]' is not valid; expected plugin names (the jars' names without .jar)"
                        + " including [capture-pcap, forward-jsonl]");
        assertProblems(c -> c.put("portscope:nodes", c.get("portscope:nodes").replace("\"sudo\":true", "\"sudo\":false")),
                "portscope:nodes[0].ssh.sudo: 'false' is not valid; expected true for a login user other than root"
                        + " (onboarding needs root on the machine)");
        assertProblems(c -> c.put("portscope:anonymizationKey", "abc"),
                "portscope:anonymizationKey: is not a Crypto-PAn key (expected 64 hex digits; make one with bin/portscope-sensor keygen-anon)");
        assertProblems(c -> c.put("portscope:institutoin", "x"),
                "portscope:institutoin: unknown key; expected one of [anonymizationKey, anonymizationKeyId, bundle, enrollment,"
                        + " hub, hubJar, institution, nodes, overlay, sshKeyPassphrase, sshPrivateKey]");
        assertProblems(c -> c.put("portscope:hub", c.get("portscope:hub").replace("\"enrollmentPort\":8443", "\"enrollmentPort\":443")),
                "portscope:hub.enrollmentPort: '443' is not valid; expected a TCP port 1024-65535 (0: no enrollment API)");
        assertProblems(c -> c.put("portscope:anonymizationKeyId", "2026 a"),
                "portscope:anonymizationKeyId: '2026 a' is not valid; expected 1-64 letters, digits, '.', '_' or '-'"
                        + " (stamped on every observation)");
    }

    @Test
    void aMissingSectionIsReportedOnceNotForEachKeyBelowIt() {
        ConfigException e = assertThrows(ConfigException.class, () -> StackConfigReader.read("portscope",
                Map.of("portscope:institution", "x"), Set.of()));
        assertEquals(List.of("portscope:overlay: missing; expected an object", "portscope:hub: missing; expected an object",
                "portscope:sshPrivateKey: missing; set it with: pulumi config set --secret sshPrivateKey < ~/.ssh/KEYFILE",
                "portscope:anonymizationKey: missing; set it with: pulumi config set --secret anonymizationKey VALUE"), e.problems());
    }

    @Test
    void severalMistakesAreReportedTogether() throws Exception {
        Map<String, String> config = example();
        config.put("portscope:institution", "has space");
        config.put("portscope:hub", config.get("portscope:hub").replace("\"listenPort\":51820", "\"listenPort\":\"x\""));
        ConfigException e = assertThrows(ConfigException.class, () -> StackConfigReader.read("portscope", config, StackFiles.SECRET_KEYS));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).startsWith("portscope:institution: 'has space' is not valid"), e.getMessage());
        assertEquals("portscope:hub.listenPort: 'x' is not valid; expected a UDP port 1-65535", e.problems().get(1));
        assertTrue(e.getMessage().startsWith("the stack config has 2 problems:\n  portscope:institution"), e.getMessage());
    }

    private static void assertProblems(Consumer<Map<String, String>> change, String... expected) throws Exception {
        Map<String, String> config = example();
        change.accept(config);
        ConfigException e = assertThrows(ConfigException.class, () -> StackConfigReader.read("portscope", config, StackFiles.SECRET_KEYS));
        assertEquals(List.of(expected), e.problems());
    }
}
