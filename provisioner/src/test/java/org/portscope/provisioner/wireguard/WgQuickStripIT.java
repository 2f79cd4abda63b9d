package org.portscope.provisioner.wireguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.provisioner.plan.AddressPlan;
import org.portscope.provisioner.plan.AddressPlanner;
import org.portscope.provisioner.plan.Cidr;
import org.portscope.provisioner.plan.OverlayNetwork;
import org.portscope.provisioner.testing.Prerequisites;
import org.portscope.provisioner.testing.Proc;

/**
 * Rendered configs, installed by install-config.sh, through the real {@code wg-quick strip}: it
 * must accept them, and what it hands to {@code wg setconf} must carry exactly the keys, routes
 * and endpoints we rendered. (WgOverlayIT feeds them to wg setconf itself.)
 */
class WgQuickStripIT {

    private static Path wgQuick;

    @TempDir
    Path dir;

    private final SecureRandom random = new SecureRandom();
    private final WgConfigRenderer renderer = new WgConfigRenderer();
    private final AddressPlan plan = AddressPlanner.plan(
            new OverlayNetwork(Cidr.parse("10.77.0.0/24"), Cidr.parse("fd77::/64")),
            List.of("pisa", "torino", "bari"));

    @BeforeAll
    static void needWgQuick() {
        wgQuick = Prerequisites.tool("wg-quick", "wireguard-tools");
        Prerequisites.tool("bash", "bash");
        Prerequisites.root("wg-quick strip re-runs itself through sudo unless it is root");
    }

    /** Installs the rendered config as the machine would (key filled in), then strips it. */
    private WgConfigFile strip(String config, String interfaceName) throws IOException {
        Path rendered = dir.resolve(interfaceName + ".rendered");
        Files.writeString(rendered, config);
        Path file = dir.resolve(interfaceName + ".conf");
        InstallScript.extract(dir).run(rendered, file).requireSuccess();
        Proc.Result result = Proc.run(List.of(wgQuick.toString(), "strip", file.toString()))
                .requireSuccess();
        assertEquals("", result.err(), "wg-quick strip should not warn");
        return WgConfigFile.parse(result.out());
    }

    @Test
    void hubConfigSurvivesStrip() throws IOException {
        Map<String, PeerKeys> keys = new LinkedHashMap<>();
        for (String node : plan.nodes().keySet()) {
            keys.put(node, new PeerKeys(WgPrivateKey.generate(random).publicKey(),
                    WgPresharedKey.generate(random)));
        }
        WgPrivateKey hubKey = WgPrivateKey.generate(random);
        Path keyFile = dir.resolve("wgtest0.key");
        KeyFiles.writePrivateKey(keyFile, hubKey);
        HubConfig hub = OverlayConfigs.hub(plan, "wgtest0", 51820, keyFile, keys);
        WgConfigFile stripped = strip(renderer.renderHub(hub), "wgtest0");

        assertEquals(List.of("listenport", "privatekey"), stripped.iface().keys(),
                "wg-quick keeps only wg(8) keys");
        assertEquals("51820", stripped.iface().value("ListenPort"));
        assertEquals(hubKey.toBase64(), stripped.iface().value("PrivateKey"));
        assertEquals(keys.size(), stripped.peers().size());
        for (HubPeer peer : hub.peers()) {
            WgConfigFile.Section section = stripped.peer(peer.publicKey());
            assertNotNull(section, peer.name());
            assertEquals(peer.presharedKey().toBase64(), section.value("PresharedKey"));
            assertEquals(peer.allowedIps().stream().map(Cidr::toString).toList(), section.list("AllowedIPs"));
            assertNull(section.value("Endpoint"));
        }
    }

    @Test
    void nodeConfigSurvivesStrip() throws IOException {
        WgPublicKey hubKey = WgPrivateKey.generate(random).publicKey();
        WgPresharedKey psk = WgPresharedKey.generate(random);
        WgPrivateKey nodeKey = WgPrivateKey.generate(random);
        Path keyFile = dir.resolve("wgtest1.key");
        KeyFiles.writePrivateKey(keyFile, nodeKey);
        NodeConfig node = OverlayConfigs.node(plan, "torino", "wgtest1", keyFile, hubKey, psk,
                Endpoint.parse("[2001:db8::7]:443"));
        WgConfigFile stripped = strip(renderer.renderNode(node), "wgtest1");

        assertEquals(List.of("privatekey"), stripped.iface().keys(), "a node has no fixed port");
        assertEquals(nodeKey.toBase64(), stripped.iface().value("PrivateKey"));
        assertEquals(1, stripped.peers().size());
        WgConfigFile.Section hub = stripped.peer(hubKey);
        assertEquals(psk.toBase64(), hub.value("PresharedKey"));
        assertEquals(List.of("10.77.0.1/32", "fd77::1/128"), hub.list("AllowedIPs"));
        assertEquals("[2001:db8::7]:443", hub.value("Endpoint"));
        assertEquals("25", hub.value("PersistentKeepalive"));
        assertFalse(stripped.toString().contains(psk.toBase64()));
    }
}
