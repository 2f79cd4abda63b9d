package org.portscope.provisioner.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The wire's property values: secrets and unknowns kept visible, diffs by path, check failures by property. */
class PropertyValuesTest {

    @Test
    void secretsAndUnknownsSurviveTheRoundTrip() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("name", "node1");
        props.put("key", new PropertyValues.Secret("s3cret"));
        props.put("later", PropertyValues.UNKNOWN);
        props.put("ports", List.of("20-30", 8080.0));
        props.put("ssh", Map.of("port", 22.0, "sudo", true));
        Struct wire = PropertyValues.encode(props);
        Value secret = wire.getFieldsOrThrow("key");
        assertEquals(PropertyValues.SECRET_SIG, secret.getStructValue().getFieldsOrThrow(PropertyValues.SIG).getStringValue());
        assertEquals(PropertyValues.UNKNOWN_STRING, wire.getFieldsOrThrow("later").getStringValue());
        Map<String, Object> back = PropertyValues.decode(wire);
        assertEquals(new PropertyValues.Secret("s3cret"), back.get("key"));
        assertTrue(back.get("later") == PropertyValues.UNKNOWN);
        assertEquals(props.get("ports"), back.get("ports"));
        assertEquals("[secret]", back.get("key").toString());
        assertTrue(PropertyValues.hasUnknown(back));
        assertEquals("s3cret", PropertyValues.reveal(back.get("key")));
    }

    @Test
    void changesAreNamedByPathAndSecretsCompareByValue() {
        Map<String, Object> olds = Map.of("ssh", Map.of("host", "a", "port", 22.0), "psk", new PropertyValues.Secret("k"),
                "ports", List.of("1"), "address", "10.0.0.2");
        Map<String, Object> news = Map.of("ssh", Map.of("host", "b", "port", 22), "psk", new PropertyValues.Secret("k"),
                "ports", List.of("1", "2"));
        assertEquals(List.of("ports", "ssh.host"), Changes.between(olds, news, Set.of("ssh", "psk", "ports")));
        assertTrue(Changes.under("ssh.host", Set.of("ssh.host")));
        assertFalse(Changes.under("ssh.hostKey", Set.of("ssh.host")));
        assertEquals(List.of("psk"), Changes.between(olds, Map.of("psk", PropertyValues.UNKNOWN), Set.of("psk")));
    }

    @Test
    void checkFailuresNameNestedPropertiesAndNeverShowASecret() {
        Inputs in = Inputs.of(Map.of("ssh", Map.of("port", 70000.0), "presharedKey", "plain",
                "hub", Map.of("publicKey", PropertyValues.UNKNOWN)));
        assertEquals(null, NodeInputs.read(in));
        List<String> properties = in.failures().stream().map(Inputs.Failure::property).toList();
        // A missing section is one failure, not one per key below it; the unknown hub key is none.
        assertEquals(List.of("name", "ssh.host", "ssh.port", "ssh.hostKey", "hub.institution", "hub.overlay", "hub.ssh",
                "presharedKey"), properties);
        assertFalse(in.complete());
        assertEquals("ssh.port: '70000' is not valid; expected a port 1-65535", in.failures().get(2).toString());
        Inputs secret = Inputs.of(Map.of("verifyTimeoutSeconds", new PropertyValues.Secret(1.0)));
        secret.integer("verifyTimeoutSeconds", 90, 5, 3600, "seconds 5-3600");
        assertEquals("verifyTimeoutSeconds: '[secret]' is not valid; expected seconds 5-3600", secret.failures().get(0).toString());
    }

    @Test
    void theHubsPeersAreReadBackFromItsRenderedConfig() {
        String rendered = """
                # wg-quick config of the portscope hub (interface wg0), written by the portscope provisioner.
                [Interface]
                Address = 10.77.0.1/24, fd77::1/64
                ListenPort = 51820
                PrivateKey = @file:/etc/wireguard/wg0.key

                # node node1
                [Peer]
                PublicKey = hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo=
                PresharedKey = dwdtCnMYpX08FsFyUbJmRd9ML4frwJkqsXf7pR25LCo=
                AllowedIPs = 10.77.0.2/32, fd77::2/128

                # node node2
                [Peer]
                PublicKey = dwdtCnMYpX08FsFyUbJmRd9ML4frwJkqsXf7pR25LCo=
                PresharedKey = hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo=
                AllowedIPs = 10.77.0.3/32
                """;
        var peers = HubPeers.parse(rendered);
        assertEquals(List.of("node1", "node2"), List.copyOf(peers.keySet()));
        assertEquals("10.77.0.2", org.portscope.provisioner.plan.IpLiterals.format(peers.get("node1").addresses().ipv4()));
        assertEquals("fd77::2", org.portscope.provisioner.plan.IpLiterals.format(peers.get("node1").addresses().ipv6()));
        assertEquals("hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo=", peers.get("node1").publicKey().base64());
        assertEquals(null, peers.get("node2").addresses().ipv6());
        assertEquals(null, peers.get("node2").ssh());
    }

    @Test
    void urnsAndTheEnginesArguments() {
        String urn = "urn:pulumi:prod::portscope::portscope:institution:Institution$portscope:index:SensorNode::lib::fw";
        assertEquals("portscope:index:SensorNode", Urns.type(urn));
        assertEquals("lib::fw", Urns.name(urn));
        assertEquals("127.0.0.1:4567", ProviderMain.engineAddress(new String[] {"--logtostderr", "-v=9", "--tracing", "x", "127.0.0.1:4567"}));
        assertEquals(null, ProviderMain.engineAddress(new String[] {"--logtostderr"}));
    }
}
