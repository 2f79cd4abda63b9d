package org.portscope.provisioner.wireguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portscope.provisioner.wireguard.TestKeys.psk;
import static org.portscope.provisioner.wireguard.TestKeys.pub;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.portscope.provisioner.plan.AddressPlan;
import org.portscope.provisioner.plan.AddressPlanner;
import org.portscope.provisioner.plan.Cidr;
import org.portscope.provisioner.plan.OverlayNetwork;

class WgConfigRendererTest {

    static final AddressPlan PLAN = AddressPlanner.plan(
            new OverlayNetwork(Cidr.parse("10.77.0.0/24"), Cidr.parse("fd77::/64")), List.of("pisa", "bari"));

    private final WgConfigRenderer renderer = new WgConfigRenderer();

    static Map<String, PeerKeys> nodeKeys() {
        Map<String, PeerKeys> keys = new LinkedHashMap<>();
        keys.put("pisa", new PeerKeys(pub(1), psk(2)));
        keys.put("bari", new PeerKeys(pub(3), psk(4)));
        return keys;
    }

    @Test
    void hubConfig() {
        String text = renderer.renderHub(OverlayConfigs.hub(PLAN, "wg0", 51820,
                HubConfig.defaultKeyFile("wg0"), nodeKeys()));
        assertEquals("""
                # wg-quick config of the portscope hub (interface wg0), written by the portscope provisioner.
                # Changes made here are overwritten on the next provisioning run.
                # The private key is filled in on this machine by install-config.sh from the file named below.
                [Interface]
                Address = 10.77.0.1/24, fd77::1/64
                ListenPort = 51820
                PrivateKey = @file:/etc/wireguard/wg0.key

                # node pisa
                [Peer]
                PublicKey = AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=
                PresharedKey = AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgI=
                AllowedIPs = 10.77.0.2/32, fd77::2/128

                # node bari
                [Peer]
                PublicKey = AwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwM=
                PresharedKey = BAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQ=
                AllowedIPs = 10.77.0.3/32, fd77::3/128
                """, text);
    }

    @Test
    void nodeConfig() {
        String text = renderer.renderNode(OverlayConfigs.node(PLAN, "bari", "ps0",
                Path.of("/var/lib/portscope/ps0.key"), pub(9), psk(4), Endpoint.parse("[2001:db8::1]:51820")));
        assertEquals("""
                # wg-quick config of portscope node bari (interface ps0), written by the portscope provisioner.
                # Changes made here are overwritten on the next provisioning run.
                # The private key is filled in on this machine by install-config.sh from the file named below.
                [Interface]
                Address = 10.77.0.3/32, fd77::3/128
                PrivateKey = @file:/var/lib/portscope/ps0.key

                # the portscope hub
                [Peer]
                PublicKey = CQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQk=
                PresharedKey = BAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQ=
                AllowedIPs = 10.77.0.1/32, fd77::1/128
                Endpoint = [2001:db8::1]:51820
                PersistentKeepalive = 25
                """, text);
    }

    @Test
    void noKeepaliveLineWhenKeepaliveIsOff() {
        NodeConfig node = new NodeConfig("pisa", "wg0", List.of(InterfaceAddress.host(PLAN.node("pisa").ipv4())),
                HubConfig.defaultKeyFile("wg0"), new NodePeer(pub(9), psk(2),
                Endpoint.parse("hub.example.org:51820"), List.of(Cidr.parse("10.77.0.1/32")), 0));
        String text = renderer.renderNode(node);
        assertFalse(text.contains("PersistentKeepalive"), text);
        assertTrue(text.endsWith("Endpoint = hub.example.org:51820\n"), text);
    }

    @Test
    void rendersNoPrivateKeyNoDnsNoDefaultRoute() {
        String all = renderer.renderHub(OverlayConfigs.hub(PLAN, "wg0", 51820,
                HubConfig.defaultKeyFile("wg0"), nodeKeys()))
                + renderer.renderNode(OverlayConfigs.node(PLAN, "pisa", "wg0",
                        HubConfig.defaultKeyFile("wg0"), pub(9), psk(2), Endpoint.parse("192.0.2.1:51820")));
        // The only PrivateKey lines name a key file; install-config.sh fills them on the machine.
        assertEquals(2, all.lines().filter(l -> l.startsWith("PrivateKey")).count());
        assertTrue(all.lines().filter(l -> l.startsWith("PrivateKey"))
                .allMatch(l -> l.equals(WgConfigRenderer.PRIVATE_KEY_LINE + "/etc/wireguard/wg0.key")), all);
        assertFalse(all.contains("PostUp"));
        assertFalse(all.contains("DNS"));
        assertFalse(all.contains("0.0.0.0/0"));
        assertFalse(all.contains("::/0"));
        assertFalse(all.contains("SaveConfig"));
    }

    @Test
    void defaultRoutesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HubPeer("pisa", pub(1), psk(2), List.of(Cidr.parse("0.0.0.0/0"))));
        assertTrue(e.getMessage().contains("0.0.0.0/0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new NodePeer(pub(1), psk(2),
                Endpoint.parse("h:1"), List.of(Cidr.parse("::/0")), 25));
        assertThrows(IllegalArgumentException.class, () -> new HubPeer("pisa", pub(1), psk(2), List.of()));
    }

    @Test
    void valuesThatCouldInjectConfigLinesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> HubConfig.defaultKeyFile("wg0\nPostUp"));
        assertThrows(IllegalArgumentException.class, () -> HubConfig.defaultKeyFile("a-name-too-long-for-linux"));
        assertThrows(IllegalArgumentException.class, () -> OverlayConfigs.hub(PLAN, "wg0", 51820,
                Path.of("/etc/wireguard/wg0.key; curl x"), nodeKeys()));
        assertThrows(IllegalArgumentException.class, () -> OverlayConfigs.hub(PLAN, "wg0", 51820,
                Path.of("relative.key"), nodeKeys()));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("hub\n[Peer]:51820"));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("hub.example.org:0"));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("2001:db8::1:51820"));
    }

    @Test
    void theTemplateEngineRefusesControlCharactersAndUnknownNames() {
        ConfigTemplates templates = new ConfigTemplates();
        assertEquals("a = x+/=\n", templates.render(new StringReader("a = {{v}}\n"), "t1", Map.of("v", "x+/=")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> templates.render(new StringReader("a = {{v}}\n"), "t2", Map.of("v", "x\nPostUp = y")));
        assertTrue(e.getMessage().contains("control character"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> templates.render(new StringReader("a = {{typo}}\n"), "t3", Map.of("v", "x")));
        assertTrue(e.getMessage().contains("'typo'"), e.getMessage());
    }

    @Test
    void hubKeysMustMatchThePlan() {
        Map<String, PeerKeys> missing = nodeKeys();
        missing.remove("bari");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OverlayConfigs.hub(PLAN, "wg0", 51820, HubConfig.defaultKeyFile("wg0"), missing));
        assertTrue(e.getMessage().contains("'bari'"), e.getMessage());
        Map<String, PeerKeys> extra = nodeKeys();
        extra.put("ghost", new PeerKeys(pub(7), psk(7)));
        assertThrows(IllegalArgumentException.class,
                () -> OverlayConfigs.hub(PLAN, "wg0", 51820, HubConfig.defaultKeyFile("wg0"), extra));
        Map<String, PeerKeys> shared = nodeKeys();
        shared.put("bari", new PeerKeys(pub(1), psk(4)));
        e = assertThrows(IllegalArgumentException.class,
                () -> OverlayConfigs.hub(PLAN, "wg0", 51820, HubConfig.defaultKeyFile("wg0"), shared));
        assertTrue(e.getMessage().contains("own key pair"), e.getMessage());
    }

    @Test
    void modelsDoNotPrintPresharedKeys() {
        HubPeer peer = new HubPeer("pisa", pub(1), psk(2), List.of(Cidr.parse("10.77.0.2/32")));
        assertFalse(peer.toString().contains(psk(2).toBase64()), peer.toString());
    }

    @Test
    void renderedConfigsParseBack() {
        String text = renderer.renderHub(OverlayConfigs.hub(PLAN, "wg0", 51820,
                HubConfig.defaultKeyFile("wg0"), nodeKeys()));
        WgConfigFile file = WgConfigFile.parse(text);
        assertEquals("51820", file.iface().value("listenport"));
        assertEquals(List.of("10.77.0.1/24", "fd77::1/64"), file.iface().list("Address"));
        assertEquals(2, file.peers().size());
        assertEquals(psk(4).toBase64(), file.peer(pub(3)).value("PresharedKey"));
        assertEquals(List.of("10.77.0.3/32", "fd77::3/128"), file.peer(pub(3)).list("AllowedIPs"));
    }
}
