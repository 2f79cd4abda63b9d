package org.portscope.provisioner.wireguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.provisioner.plan.AddressPlan;
import org.portscope.provisioner.plan.AddressPlanner;
import org.portscope.provisioner.plan.Cidr;
import org.portscope.provisioner.plan.OverlayNetwork;
import org.portscope.provisioner.testing.Netns;
import org.portscope.provisioner.testing.Prerequisites;
import org.portscope.provisioner.testing.Proc;

/**
 * The rendered configs, installed by install-config.sh, brought up by the real wg-quick
 * (userspace wireguard-go) in two network namespaces, hub and node, joined by a veth pair: each
 * machine's key comes from its own key file, the tunnel passes IPv4 and IPv6, and the standard
 * live reload of the hub's peers ({@code wg syncconf} of {@code wg-quick strip}) keeps its key
 * and the node's session. Traffic stays inside the namespaces this test made.
 */
class WgOverlayIT {

    private static final OverlayNetwork OVERLAY =
            new OverlayNetwork(Cidr.parse("10.77.0.0/24"), Cidr.parse("fd77::/64"));

    @TempDir
    Path dir;

    private final SecureRandom random = new SecureRandom();
    private final WgConfigRenderer renderer = new WgConfigRenderer();
    private String prefix;
    private Netns netns;
    private InstallScript script;

    @BeforeAll
    static void prerequisites() {
        Prerequisites.root("network namespaces and wg-quick up");
        Prerequisites.tool("ip", "iproute2");
        Prerequisites.tool("wg-quick", "wireguard-tools");
        Prerequisites.tool("wireguard-go", "wireguard-go");
        Prerequisites.tool("ping", "iputils-ping");
        Prerequisites.tool("awk", "mawk");
        Prerequisites.require(Files.exists(Path.of("/dev/net/tun")), "/dev/net/tun (wireguard-go needs it)");
    }

    @BeforeEach
    void namespaces() throws IOException {
        script = InstallScript.extract(dir);
        byte[] id = new byte[3];
        random.nextBytes(id);
        // Interface names double as /run/wireguard socket names, which all namespaces share.
        prefix = "psw" + HexFormat.of().formatHex(id);
        netns = new Netns(prefix);
    }

    @AfterEach
    void cleanUp() {
        netns.close();
    }

    @Test
    void hubAndNodeComeUpAndTalk() throws IOException {
        String hubNs = netns.add("h");
        String nodeNs = netns.add("n");
        ok(netns.exec(hubNs, "ip", "link", "add", "v0", "type", "veth", "peer", "name", "v1", "netns", nodeNs));
        ok(netns.exec(hubNs, "ip", "addr", "add", "198.18.77.1/24", "dev", "v0"));
        ok(netns.exec(hubNs, "ip", "link", "set", "v0", "up"));
        ok(netns.exec(nodeNs, "ip", "addr", "add", "198.18.77.2/24", "dev", "v1"));
        ok(netns.exec(nodeNs, "ip", "link", "set", "v1", "up"));

        WgPrivateKey hubKey = WgPrivateKey.generate(random);
        WgPrivateKey nodeKey = WgPrivateKey.generate(random);
        WgPresharedKey psk = WgPresharedKey.generate(random);
        String hubIf = prefix + "h";
        String nodeIf = prefix + "n";
        Path hubKeyFile = dir.resolve(hubIf + ".key");
        Path nodeKeyFile = dir.resolve(nodeIf + ".key");
        KeyFiles.writePrivateKey(hubKeyFile, hubKey);
        KeyFiles.writePrivateKey(nodeKeyFile, nodeKey);

        AddressPlan plan = AddressPlanner.plan(OVERLAY, List.of("n1"));
        Map<String, PeerKeys> keys = new LinkedHashMap<>();
        keys.put("n1", new PeerKeys(nodeKey.publicKey(), psk));
        String hubText = renderer.renderHub(OverlayConfigs.hub(plan, hubIf, 51820, hubKeyFile, keys));
        Path hubConf = install(hubIf, hubText);
        Path nodeConf = install(nodeIf, renderer.renderNode(OverlayConfigs.node(plan, "n1", nodeIf,
                nodeKeyFile, hubKey.publicKey(), psk, Endpoint.parse("198.18.77.1:51820"))));

        // Not installed (the key line unfilled), the config is refused instead of running keyless.
        Path raw = dir.resolve("raw/" + hubIf + ".conf");
        Files.createDirectories(raw.getParent());
        Files.writeString(Files.createFile(raw, PosixFilePermissions.asFileAttribute(KeyFiles.OWNER_ONLY)), hubText);
        Proc.Result refused = netns.exec(hubNs, "wg-quick", "up", raw.toString());
        assertEquals(1, refused.exit(), refused.err());
        assertTrue(refused.err().contains("Key is not the correct length or format"), refused.err());

        ok(netns.exec(hubNs, "wg-quick", "up", hubConf.toString()));
        ok(netns.exec(nodeNs, "wg-quick", "up", nodeConf.toString()));
        assertEquals(hubKey.toBase64(), wg(hubNs, "show", hubIf, "private-key"));
        assertEquals(hubKey.publicKey().base64(), wg(hubNs, "show", hubIf, "public-key"));
        assertEquals(nodeKey.publicKey().base64(), wg(nodeNs, "show", nodeIf, "public-key"));

        // ping returns at the first reply: the handshake and the tunnel both worked.
        ok(netns.exec(nodeNs, "ping", "-c", "1", "-w", "10", "10.77.0.1"));
        ok(netns.exec(nodeNs, "ping", "-6", "-c", "1", "-w", "10", "fd77::1"));
        String handshake = wg(hubNs, "show", hubIf, "latest-handshakes");
        assertTrue(handshake.startsWith(nodeKey.publicKey().base64() + "\t"), handshake);
        assertTrue(Long.parseLong(handshake.split("\t")[1].strip()) > 0, handshake);

        // A second node joins: the hub reloads its peers live, as onboarding will.
        WgPublicKey second = WgPrivateKey.generate(random).publicKey();
        AddressPlan grown = AddressPlanner.plan(OVERLAY, plan, List.of("n1", "n2"));
        keys.put("n2", new PeerKeys(second, WgPresharedKey.generate(random)));
        Path grownConf = install(hubIf, renderer.renderHub(
                OverlayConfigs.hub(grown, hubIf, 51820, hubKeyFile, keys)));
        Path stripped = dir.resolve(hubIf + ".stripped");
        Files.writeString(stripped, ok(Proc.run(List.of("wg-quick", "strip", grownConf.toString()))).out());
        ok(netns.exec(hubNs, "wg", "syncconf", hubIf, stripped.toString()));
        Files.delete(stripped);
        assertEquals(hubKey.toBase64(), wg(hubNs, "show", hubIf, "private-key"), "syncconf keeps the key");
        assertEquals(List.of(nodeKey.publicKey().base64(), second.base64()).stream().sorted().toList(),
                List.of(wg(hubNs, "show", hubIf, "peers").split("\n")).stream().sorted().toList());
        assertEquals("10.77.0.3/32 fd77::3/128", wg(hubNs, "show", hubIf, "allowed-ips").lines()
                .filter(l -> l.startsWith(second.base64())).findFirst().orElseThrow().split("\t")[1]);
        ok(netns.exec(nodeNs, "ping", "-c", "1", "-w", "10", "10.77.0.1"));
    }

    /** What a machine does with a rendered config: install-config.sh fills in its key. */
    private Path install(String interfaceName, String rendered) throws IOException {
        Path renderedFile = dir.resolve(interfaceName + ".rendered");
        Files.writeString(renderedFile, rendered);
        Path conf = dir.resolve(interfaceName + ".conf");
        script.run(renderedFile, conf).requireSuccess();
        return conf;
    }

    private String wg(String namespace, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "wg";
        System.arraycopy(args, 0, command, 1, args.length);
        return ok(netns.exec(namespace, command)).out().strip();
    }

    private static Proc.Result ok(Proc.Result result) {
        return result.requireSuccess();
    }
}
