package org.portscope.provisioner.onboard.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.portscope.provisioner.onboard.inventory.HubService;
import org.portscope.provisioner.plan.IpLiterals;
import org.portscope.provisioner.plan.PeerAddresses;
import org.yaml.snakeyaml.Yaml;

class HubFilesTest {

    @Test
    void theServiceListensOnTheOverlayAddressOnlyAndKeepsItsStoreInItsStateFolder() {
        HubService service = new HubService(7070, 8080, Duration.ofHours(36));
        Map<String, Object> config = load(HubFiles.config(IpLiterals.parse("10.77.0.1", "hub"), service));
        assertEquals(Map.of("listen", "10.77.0.1:7070"), config.get("collector"));
        assertEquals(Map.of("listen", "10.77.0.1:8080"), config.get("api"));
        assertEquals(Map.of("path", "/var/lib/portscope-hub/hub.duckdb", "retention", "36h"), config.get("store"));
        assertEquals(Map.of("file", "/etc/portscope-hub/peers.yaml", "refresh", "2s"), config.get("peers"));
        Map<String, Object> v6 = load(HubFiles.config(IpLiterals.parse("fd77::1", "hub"), service));
        assertEquals(Map.of("listen", "[fd77::1]:7070"), v6.get("collector"));
    }

    @Test
    void enrolledNodesAnonymizeWhenTheInstitutionDoes() {
        org.portscope.provisioner.wireguard.WgPublicKey hub = org.portscope.provisioner.wireguard.WgPrivateKey
                .generate(new java.security.SecureRandom()).publicKey();
        HubService service = new HubService(7070, 8080, Duration.ofDays(30), 8443, "uni-x-2026");
        java.net.InetAddress overlay = IpLiterals.parse("10.77.0.1", "overlay");
        Map<String, Object> anonymized = new Yaml().load(new String(HubFiles.enrollment("uni-x", hub, "10.77.0.0/24", overlay,
                "198.18.0.1", 51820, service), StandardCharsets.UTF_8));
        assertEquals("uni-x-2026", anonymized.get("anonymization-key-id"));
        assertEquals("198.18.0.1:8443", anonymized.get("listen"));
        Map<String, Object> plain = new Yaml().load(new String(HubFiles.enrollment("uni-x", hub, "10.77.0.0/24", overlay,
                "198.18.0.1", 51820, new HubService(7070, 8080, Duration.ofDays(30), 8443)), StandardCharsets.UTF_8));
        assertTrue(!plain.containsKey("anonymization-key-id"), plain.toString());
        // read back as portscope token create reads it from the hub
        assertEquals("uni-x-2026", HubFiles.enrollmentKeyId(HubFiles.enrollment("uni-x", hub, "10.77.0.0/24", overlay,
                "198.18.0.1", 51820, service)));
        assertEquals(null, HubFiles.enrollmentKeyId(HubFiles.enrollment("uni-x", hub, "10.77.0.0/24", overlay,
                "198.18.0.1", 51820, new HubService(7070, 8080, Duration.ofDays(30), 8443))));
    }

    @Test
    void thePeersFileNamesEachNodeByItsOverlayAddress() {
        Map<String, PeerAddresses> nodes = new LinkedHashMap<>();
        nodes.put("node1", new PeerAddresses(IpLiterals.parse("10.77.0.2", "a"), IpLiterals.parse("fd77::2", "b")));
        nodes.put("node2", new PeerAddresses(IpLiterals.parse("10.77.0.3", "a"), null));
        Map<String, Object> peers = load(HubFiles.peers("campus", nodes));
        assertEquals(Map.of("peers", List.of(
                Map.of("name", "node1", "institution", "campus", "address", "10.77.0.2"),
                Map.of("name", "node2", "institution", "campus", "address", "10.77.0.3"))), peers);
        assertEquals(Map.of("peers", List.of()), load(HubFiles.peers("campus", Map.of())));
    }

    @Test
    void theUnitRunsTheJarUnprivilegedWithoutCapabilities() {
        String unit = new String(HubFiles.unit("wg0", "/opt/portscope-hub/portscope-hub.jar"), StandardCharsets.UTF_8);
        for (String line : List.of("User=portscope-hub", "Group=portscope-hub",
                "ExecStart=/usr/bin/env java -Xmx512m -XX:+UseSerialGC -jar /opt/portscope-hub/portscope-hub.jar run"
                        + " --config /etc/portscope-hub/hub.yaml",
                "Restart=always", "CapabilityBoundingSet=", "AmbientCapabilities=", "NoNewPrivileges=yes",
                "StateDirectory=portscope-hub", "After=network-online.target wg-quick@wg0.service",
                "WantedBy=multi-user.target")) {
            assertTrue(unit.lines().anyMatch(line::equals), () -> "missing '" + line + "' in\n" + unit);
        }
        assertEquals("java -Xmx512m -XX:+UseSerialGC -jar /opt/portscope-hub/portscope-hub.jar run --config"
                + " /etc/portscope-hub/hub.yaml", HubFiles.command(false), "the supervisor runs what the unit runs");
    }

    private static Map<String, Object> load(byte[] yaml) {
        return new Yaml().load(new String(yaml, StandardCharsets.UTF_8));
    }
}
