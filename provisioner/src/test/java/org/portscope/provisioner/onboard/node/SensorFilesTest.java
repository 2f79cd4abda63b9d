package org.portscope.provisioner.onboard.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.portscope.provisioner.onboard.inventory.NodeSpec;
import org.portscope.provisioner.onboard.inventory.PortRange;
import org.portscope.provisioner.onboard.inventory.SensorSettings;
import org.portscope.provisioner.onboard.inventory.SshAccess;
import org.portscope.provisioner.plan.IpLiterals;
import org.portscope.provisioner.plan.PeerAddresses;
import org.portscope.provisioner.ssh.Privilege;
import org.yaml.snakeyaml.Yaml;

class SensorFilesTest {

    private static final NodeSpec NODE = new NodeSpec("fw-1",
            new SshAccess("192.0.2.10", 22, "root", Path.of("/k"), null, null, null, Privilege.ROOT),
            List.of(),
            new SensorSettings("ens3", SensorSettings.REQUIRED_PLUGINS, 9105), "nodes[0]");

    private static final PeerAddresses OVERLAY = new PeerAddresses(IpLiterals.parse("10.77.0.2", "a"), null);
    private static final SensorFiles.Upstream ANONYMIZED =
            new SensorFiles.Upstream(IpLiterals.parse("10.77.0.1", "hub"), 7070, "inst-2026a");
    private static final SensorFiles.Upstream PLAIN = new SensorFiles.Upstream(IpLiterals.parse("10.77.0.1", "hub"), 7070, null);

    @Test
    @SuppressWarnings("unchecked")
    void theConfigCapturesOutsideAndServesHealthOnTheOverlayOnly() {
        Map<String, Object> config = load(SensorFiles.config(NODE, OVERLAY, ANONYMIZED));
        assertEquals("fw-1", config.get("node"));
        Map<String, Object> capture = (Map<String, Object>) config.get("capture");
        // Every closed port is watched: the node's port ranges are for listener mode.
        assertEquals(Map.of("plugin", "capture-pcap", "interface", "ens3"), capture);
        assertEquals(Map.of("listen", "10.77.0.2:9105"), config.get("metrics"));
    }

    @Test
    void observationsGoToTheLocalFileRawAndToTheHubsCollectorAnonymized() {
        Map<String, Object> config = load(SensorFiles.config(NODE, OVERLAY, ANONYMIZED));
        assertEquals(Map.of("plugin", "anonymize-cryptopan", "key-file", "/etc/portscope/anon.key", "key-id", "inst-2026a"),
                config.get("anonymize"));
        assertEquals(List.of(
                Map.of("plugin", "forward-jsonl", "path", "/var/lib/portscope/observations.jsonl", "raw", true),
                Map.of("plugin", "forward-collector", "hub", "10.77.0.1:7070", "backoff-max", "10s")), config.get("forward"));
        assertEquals(List.of("capture-pcap", "forward-jsonl", "forward-collector", "anonymize-cryptopan"),
                SensorFiles.plugins(NODE, ANONYMIZED));
    }

    @Test
    void withoutAKeyAddressesAreKeptAndNoAnonymizerIsInstalled() {
        Map<String, Object> config = load(SensorFiles.config(NODE, OVERLAY, PLAIN));
        assertEquals(Map.of("plugin", "identity"), config.get("anonymize"));
        assertEquals(List.of("capture-pcap", "forward-jsonl", "forward-collector"), SensorFiles.plugins(NODE, PLAIN));
    }

    @Test
    @SuppressWarnings("unchecked")
    void anIpv6HubIsWrittenInBrackets() {
        SensorFiles.Upstream v6 = new SensorFiles.Upstream(IpLiterals.parse("fd77::1", "hub"), 7070, null);
        List<Map<String, Object>> forward = (List<Map<String, Object>>) load(SensorFiles.config(NODE, OVERLAY, v6)).get("forward");
        assertEquals("[fd77::1]:7070", forward.get(1).get("hub"));
    }

    private static Map<String, Object> load(byte[] yaml) {
        return new Yaml().load(new String(yaml, StandardCharsets.UTF_8));
    }

    @Test
    void theUnitRunsUnprivilegedWithTwoCapabilities() {
        String unit = new String(SensorFiles.unit("fw-1", "wg0", "/opt/portscope"), StandardCharsets.UTF_8);
        for (String line : List.of("User=portscope", "Group=portscope",
                "ExecStart=/opt/portscope/bin/portscope-sensor run --config /etc/portscope/sensor.yaml --state /var/lib/portscope",
                "Restart=always", "AmbientCapabilities=CAP_NET_RAW CAP_NET_BIND_SERVICE",
                "CapabilityBoundingSet=CAP_NET_RAW CAP_NET_BIND_SERVICE", "NoNewPrivileges=yes", "ProtectSystem=strict",
                "After=network-online.target wg-quick@wg0.service", "WantedBy=multi-user.target")) {
            assertTrue(unit.lines().anyMatch(line::equals), () -> "missing '" + line + "' in\n" + unit);
        }
        assertTrue(unit.startsWith("# portscope sensor of node fw-1"), unit);
    }

    @Test
    void assignedPortsTurnOnListenerModeRelayingToTheHubsHoneypotWithNetAdminOnlyThen() {
        NodeSpec listening = new NodeSpec("fw-2", NODE.ssh(), List.of(PortRange.parse("10000-20000"), PortRange.parse("8022")),
                NODE.sensor(), "nodes[1]");
        Map<String, Object> config = load(SensorFiles.config(listening, OVERLAY, ANONYMIZED));
        assertEquals(Map.of("plugin", "capture-listener", "ports", List.of("10000-20000", "8022")), config.get("listener"));
        assertEquals(Map.of("plugin", "forward-honeypot", "honeypot", "10.77.0.1:2222"), config.get("relay"));
        assertEquals(List.of("capture-pcap", "forward-jsonl", "forward-collector", "anonymize-cryptopan", "capture-listener",
                "forward-honeypot"), SensorFiles.plugins(listening, ANONYMIZED));
        String unit = new String(SensorFiles.unit("fw-2", "wg0", "/opt/portscope", true), StandardCharsets.UTF_8);
        assertTrue(unit.lines().anyMatch("AmbientCapabilities=CAP_NET_RAW CAP_NET_BIND_SERVICE CAP_NET_ADMIN"::equals), unit);
        assertTrue(unit.lines().anyMatch("CapabilityBoundingSet=CAP_NET_RAW CAP_NET_BIND_SERVICE CAP_NET_ADMIN"::equals), unit);
        Map<String, Object> off = load(SensorFiles.config(NODE, OVERLAY, ANONYMIZED));
        assertTrue(!off.containsKey("listener") && !off.containsKey("relay"), off::toString);
    }
}
