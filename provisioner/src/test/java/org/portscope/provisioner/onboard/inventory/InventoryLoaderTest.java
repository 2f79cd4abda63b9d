package org.portscope.provisioner.onboard.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.provisioner.ssh.Privilege;

class InventoryLoaderTest {

    private static final String PIN = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("campus.yaml"), yaml);
    }

    private static final String VALID = """
            institution: campus
            overlay:
              ipv4: 10.77.0.0/24
              ipv6: fd77::/64
            hub:
              ssh: {host: hub.example.org, key: keys/hub, host-key: "%s"}
              endpoint: hub.example.org:51820
            defaults:
              ssh: {key: keys/admin, user: ops, passphrase-env: OPS_KEY_PASS}
              sensor: {interface: ens3}
            nodes:
              - name: fw-1
                ssh: {host: 192.0.2.10, port: 2222}
                ports: [20-30, 8080]
              - name: fw-2
                ssh: {host: 192.0.2.11, user: root, host-key: tofu}
                sensor: {interface: eth1, plugins: [capture-pcap, forward-jsonl, anonymize-cryptopan], metrics-port: 9200}
            """.formatted(PIN);

    @Test
    void aValidInventoryWithDefaults() throws IOException {
        Inventory inventory = InventoryLoader.load(write(VALID));
        assertEquals("campus", inventory.institution());
        assertEquals("10.77.0.0/24,fd77:0:0:0:0:0:0:0/64".replace("fd77:0:0:0:0:0:0:0", "fd77::"), inventory.overlay().toString());
        assertEquals("wg0", inventory.interfaceName());
        assertEquals("hub.example.org:51820", inventory.hub().endpoint().toString());
        NodeSpec fw1 = inventory.nodes().get(0);
        assertEquals("ops", fw1.ssh().user());
        assertEquals(Privilege.SUDO, fw1.ssh().privilege());
        assertEquals(2222, fw1.ssh().port());
        assertEquals(dir.resolve("keys/admin"), fw1.ssh().key());
        assertEquals("OPS_KEY_PASS", fw1.ssh().passphraseEnv());
        assertNull(fw1.ssh().hostKey(), "no host-key: trusted on first use");
        assertEquals("ens3", fw1.sensor().captureInterface());
        assertEquals(List.of(new PortRange(20, 30), new PortRange(8080, 8080)), fw1.ports());
        NodeSpec fw2 = inventory.nodes().get(1);
        assertEquals(Privilege.ROOT, fw2.ssh().privilege());
        assertEquals("eth1", fw2.sensor().captureInterface());
        assertEquals(9200, fw2.sensor().metricsPort());
        assertEquals(dir.resolve("campus.state.json"), inventory.stateFile());
        assertEquals(dir.resolve("campus.known_hosts"), inventory.knownHosts());
    }

    @Test
    void errorsNameTheKeyTheValueAndWhatWasExpected() throws IOException {
        assertError(VALID.replace("port: 2222", "port: x"),
                "nodes[0].ssh.port: 'x' is not valid; expected a port 1-65535");
        assertError(VALID.replace("ipv4: 10.77.0.0/24", "ipv4: 10.77.0.1/24"), "overlay.ipv4: '10.77.0.1/24' is not valid");
        assertError(VALID.replace("ports: [20-30, 8080]", "ports: [30-20]"), "nodes[0].ports: '30-20' is not valid");
        assertError(VALID.replace("name: fw-2", "name: fw-1"), "nodes[1].name: 'fw-1' is listed twice");
        assertError(VALID.replace("metrics-port: 9200", "metrics-prot: 9200"), "nodes[1].sensor.metrics-prot: unknown key");
        assertError(VALID.replace("plugins: [capture-pcap, forward-jsonl, anonymize-cryptopan]", "plugins: [capture-pcap]"),
                "nodes[1].sensor.plugins: '[capture-pcap]' is not valid; expected a list that includes [capture-pcap, forward-jsonl]");
        assertError(VALID.replace("user: ops,", "user: ops, sudo: false,"), "nodes[0].ssh.sudo: 'false' is not valid");
        assertError(VALID.replace("host-key: \"" + PIN + "\"", "host-key: \"MD5:aa\""), "hub.ssh.host-key: 'MD5:aa' is not valid");
        assertError(VALID.replace("  endpoint: hub.example.org:51820\n", "  endpoint: [x\n"), "not valid YAML");
        assertError(VALID.replace("institution: campus\n", ""), "institution: missing");
    }

    @Test
    void theEndpointDefaultsToTheHubsSshHostAndListenPort() throws IOException {
        Inventory inventory = InventoryLoader.load(write(VALID.replace("  endpoint: hub.example.org:51820\n", "  listen-port: 51999\n")));
        assertEquals("hub.example.org:51999", inventory.hub().endpoint().toString());
    }

    @Test
    void passphrasesAreReadWhenConnectingAndNamedWhenMissing() throws IOException {
        Inventory inventory = InventoryLoader.load(write(VALID));
        SshAccess access = inventory.nodes().get(0).ssh();
        assertEquals("s3cret", access.target(dir.resolve("kh"), Map.of("OPS_KEY_PASS", "s3cret"), "nodes[0].ssh").auth().passphrase());
        InventoryException missing = assertThrows(InventoryException.class,
                () -> access.target(dir.resolve("kh"), Map.of(), "nodes[0].ssh"));
        assertEquals("nodes[0].ssh.passphrase-env: the environment variable OPS_KEY_PASS is not set", missing.getMessage());
    }

    @Test
    void theHubServiceHasDefaultPortsAndRetentionThatTheInventoryMayChange() throws IOException {
        assertEquals(HubService.DEFAULTS, InventoryLoader.load(write(VALID)).hub().service());
        Inventory inventory = InventoryLoader.load(write(VALID.replace("  endpoint: hub.example.org:51820\n",
                "  endpoint: hub.example.org:51820\n  collector-port: 7443\n  api-port: 9443\n  retention: 30d\n")));
        assertEquals(new HubService(7443, 9443, java.time.Duration.ofDays(30)), inventory.hub().service());
        assertEquals("30d", inventory.hub().service().retentionText());
        String hub = "  endpoint: hub.example.org:51820\n";
        assertError(VALID.replace(hub, hub + "  collector-port: 80\n"),
                "hub.collector-port: '80' is not valid; expected a TCP port 1024-65535 (the hub service runs unprivileged)");
        assertError(VALID.replace(hub, hub + "  api-port: 7070\n"), "hub.api-port: '7070' is not valid; expected a port other than the collector's (7070)");
        assertError(VALID.replace(hub, hub + "  retention: 90 days\n"), "hub.retention: '90 days' is not valid; expected a duration such as 90d");
    }

    @Test
    void anAnonymizationKeyIsCheckedWhenTheInventoryIsRead() throws IOException {
        Path key = dir.resolve("anon.key");
        Files.writeString(key, "00112233445566778899aabbccddeeff\n00112233445566778899aabbccddeeff\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        String with = VALID + "anonymization: {key-file: anon.key, key-id: campus-2026a}\n";
        Inventory inventory = InventoryLoader.load(write(with));
        assertEquals(new Anonymization(key, "campus-2026a"), inventory.anonymization());
        assertEquals("campus-2026a", inventory.hub().service().anonymizationKeyId(), "the hub tells enrolled nodes the key id");
        assertNull(InventoryLoader.load(write(VALID)).anonymization(), "no key: identity");
        assertNull(InventoryLoader.load(write(VALID)).hub().service().anonymizationKeyId(), "no key: enrolled nodes get none");

        assertError(with.replace("campus-2026a", "campus 2026"), "anonymization.key-id: 'campus 2026' is not valid");
        assertError(with.replace("anon.key", "missing.key"), "anonymization.key-file: " + dir.resolve("missing.key")
                + " is not a regular file");
        assertError(with.replace(", key-id: campus-2026a", ""), "anonymization.key-id: missing");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        assertError(with, "anonymization.key-file: " + key + " can be read by others (mode rw-r--r--); expected mode 0600 or 0400");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(key, "not a key at all, and secret-looking\n");
        InventoryException bad = assertThrows(InventoryException.class, () -> InventoryLoader.load(write(with)));
        assertTrue(bad.getMessage().contains("is not a Crypto-PAn key; expected 64 hex digits"), bad.getMessage());
        assertFalse(bad.getMessage().contains("secret-looking"), "a message never shows the key: " + bad.getMessage());
    }

    private void assertError(String yaml, String expected) throws IOException {
        Path file = write(yaml);
        InventoryException e = assertThrows(InventoryException.class, () -> InventoryLoader.load(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), () -> "expected '" + expected + "' in: " + e.getMessage());
    }
}
