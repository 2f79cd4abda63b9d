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
            List.of(new PortRange(20, 30), new PortRange(8080, 8080)),
            new SensorSettings("ens3", SensorSettings.REQUIRED_PLUGINS, 9105), "nodes[0]");

    @Test
    @SuppressWarnings("unchecked")
    void theConfigCapturesOutsideAndServesHealthOnTheOverlayOnly() {
        PeerAddresses overlay = new PeerAddresses(IpLiterals.parse("10.77.0.2", "a"), null);
        Map<String, Object> config = new Yaml().load(new String(SensorFiles.config(NODE, overlay), StandardCharsets.UTF_8));
        assertEquals("fw-1", config.get("node"));
        Map<String, Object> capture = (Map<String, Object>) config.get("capture");
        // Every closed port is watched: the node's port ranges are for listener mode.
        assertEquals(Map.of("plugin", "capture-pcap", "interface", "ens3"), capture);
        assertEquals(Map.of("plugin", "identity"), config.get("anonymize"));
        assertEquals(List.of(Map.of("plugin", "forward-jsonl", "path", "/var/lib/portscope/observations.jsonl",
                "raw", true)), config.get("forward"));
        assertEquals(Map.of("listen", "10.77.0.2:9105"), config.get("metrics"));
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
}
