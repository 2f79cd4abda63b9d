package org.portscope.provisioner.testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.provisioner.plan.IpLiterals;
import org.portscope.provisioner.testing.Prerequisites;
import org.portscope.provisioner.wireguard.WgPrivateKey;

/**
 * A real testbed, hub + 3 nodes + an attacker, shared by the tests of this class: real sshd per
 * host answering with its own host key, per-host file systems, wireguard-go as {@code wg0} on two
 * hosts at once, and teardown that leaves nothing, also after the owning JVM was killed.
 */
class TestbedIT {

    private static Testbed testbed;
    private static Leftovers leftovers;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        Prerequisites.root("network, mount and UTS namespaces");
        List<String> missing = TestbedPrerequisites.ensure();
        Prerequisites.require(missing.isEmpty(), "testbed prerequisites: " + String.join(", ", missing));
        testbed = Testbed.start(Testbed.newPrefix(), TestbedSpec.institution(3)
                .replacing(HostSpec.node("node3").withRsaHostKey())
                .with(HostSpec.plain("attacker"))
                .withRsaClientKey());
        System.out.println(testbed + " built in " + testbed.buildTime().toMillis() + " ms");
        leftovers = Leftovers.of(testbed);
    }

    @AfterAll
    static void stop() {
        if (testbed != null) {
            testbed.close();
            leftovers.assertNoneLeft();
        }
    }

    @Test
    void everySshdAnswersWithItsOwnHostKey() {
        for (Host host : testbed.hosts()) {
            if (!host.spec().sshd()) {
                continue;
            }
            ExecResult hostname = ssh(host, "root", "hostname");
            assertEquals(host.name(), hostname.out().strip());
            // The fingerprint the testbed reports is the one ssh-keygen shows for the key sshd uses.
            String keygen = Processes.ok("ssh-keygen", "-lf",
                    host.dir().resolve("ssh/ssh_host_ed25519_key.pub").toString()).out();
            assertEquals(keygen.split(" ")[1], host.hostKey().fingerprint());
        }
        List<String> addresses = testbed.hosts().stream().map(Host::address).toList();
        assertEquals(addresses.size(), addresses.stream().distinct().count());
        assertTrue(addresses.stream().allMatch(a -> testbed.underlay().cidr().contains(IpLiterals.parse(a, "address"))));
        assertEquals(testbed.underlay().hostAddress(0), testbed.hub().address());
    }

    @Test
    void theRootNamespaceReachesEverySshd() throws IOException {
        for (Host host : testbed.hosts()) {
            if (host.spec().sshd()) {
                assertEquals("SSH-2.0-", banner(host), host.name());
            }
        }
    }

    @Test
    void anotherHostsKeyIsRefused() throws IOException {
        Host node1 = testbed.host("node1");
        Path wrong = Files.writeString(tmp.resolve("known_hosts"),
                testbed.host("node2").hostKey().knownHostsLine(node1.address(), 22) + "\n");
        ExecResult refused = SshClient.run(node1, "root", testbed.clientKeys().ed25519(), wrong, "true");
        assertEquals(255, refused.exit(), refused.err());
        assertTrue(refused.err().contains("Host key verification failed"), refused.err());
    }

    @Test
    void rsaHostKeyAndRsaClientKey() {
        Host node3 = testbed.host("node3");
        assertTrue(node3.rsaHostKey().isPresent());
        assertTrue(testbed.host("node1").rsaHostKey().isEmpty());
        ExecResult viaRsa = SshClient.run(node3, "root", testbed.clientKeys().rsaIfAny().orElseThrow(),
                testbed.knownHosts(), List.of("-o", "HostKeyAlgorithms=rsa-sha2-512", "-v"), Map.of(), "hostname");
        assertEquals("node3", viaRsa.requireSuccess().out().strip());
        assertTrue(viaRsa.err().contains("Server host key: ssh-rsa " + node3.rsaHostKey().get().fingerprint()),
                viaRsa.err());
    }

    @Test
    void theEncryptedKeyOpensWithItsPassphraseOnly() throws IOException {
        ClientKeys keys = testbed.clientKeys();
        assertFalse(keys.toString().contains(keys.passphrase()));
        Path askpass = Files.writeString(tmp.resolve("askpass"), "#!/bin/sh\nprintf '%s\\n' \"$TESTBED_PASSPHRASE\"\n");
        Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));
        Map<String, String> env = Map.of("SSH_ASKPASS", askpass.toString(), "SSH_ASKPASS_REQUIRE", "force",
                "TESTBED_PASSPHRASE", keys.passphrase());
        Host hub = testbed.hub();
        ExecResult in = SshClient.run(hub, "root", keys.ed25519Encrypted(), testbed.knownHosts(), List.of(), env, "hostname");
        assertEquals("hub", in.requireSuccess().out().strip());
        Map<String, String> wrong = Map.of("SSH_ASKPASS", askpass.toString(), "SSH_ASKPASS_REQUIRE", "force",
                "TESTBED_PASSPHRASE", "not-" + keys.passphrase());
        ExecResult out = SshClient.run(hub, "root", keys.ed25519Encrypted(), testbed.knownHosts(),
                List.of("-o", "NumberOfPasswordPrompts=1"), wrong, "hostname");
        assertNotEquals(0, out.exit());
    }

    @Test
    void theAdminUserHasSudoOnItsHostsOnly() throws IOException {
        Host node2 = testbed.host("node2");
        assertEquals(Testbed.ADMIN_USER, node2.adminUser().orElseThrow());
        ExecResult admin = ssh(node2, Testbed.ADMIN_USER, "id -un; id -u; sudo -n id -u");
        List<String> lines = admin.out().lines().toList();
        assertEquals(Testbed.ADMIN_USER, lines.get(0));
        assertNotEquals("0", lines.get(1));
        assertEquals("0", lines.get(2), "sudo -n gives root without a password");
        // useradd ran inside each host: the machine and the attacker have no such user.
        assertTrue(Files.readAllLines(Path.of("/etc/passwd")).stream().noneMatch(l -> l.startsWith(Testbed.ADMIN_USER + ":")));
        assertEquals(1, testbed.host("attacker").exec("id", Testbed.ADMIN_USER).exit());
    }

    @Test
    void whatOneHostWritesNoOtherSees() throws IOException {
        String marker = "marker-" + UUID.randomUUID();
        ssh(testbed.host("node1"), "root", "echo " + marker + " > /etc/wireguard/marker"
                + " && mkdir -p /opt/portscope /var/lib/portscope && echo " + marker + " > /var/lib/portscope/state"
                + " && echo " + marker + " > /tmp/upload && echo " + marker + " > /run/portscope/pid");
        assertEquals(marker, ssh(testbed.host("node1"), "root", "cat /etc/wireguard/marker").out().strip());
        for (String file : List.of("/etc/wireguard/marker", "/var/lib/portscope/state", "/tmp/upload", "/run/portscope/pid")) {
            ExecResult elsewhere = SshClient.run(testbed.host("node2"), "root", testbed.clientKeys().ed25519(),
                    testbed.knownHosts(), "cat " + file);
            assertEquals(1, elsewhere.exit(), file + " on node2: " + elsewhere.out());
            assertFalse(Files.exists(Path.of(file)) && Files.readString(Path.of(file)).contains(marker),
                    file + " leaked into the machine's file system");
        }
        // From outside, what the host wrote is in its own folder.
        assertEquals(marker, Files.readString(testbed.host("node1").dir().resolve("upper/etc/wireguard/marker")).strip());
        assertEquals("node1", testbed.host("node1").exec("cat", "/etc/hostname").out().strip());
        assertNotEquals(testbed.host("node1").exec("cat", "/etc/machine-id").out(),
                testbed.host("node2").exec("cat", "/etc/machine-id").out());
        assertEquals(1, testbed.host("node1").exec("test", "-d", "/run/systemd/system").exit(), "no systemd inside");
        // The overlays keep the machine's owners and modes: a private /root stays private.
        for (String dir : List.of("/root", "/etc", "/var/lib")) {
            assertEquals(Processes.ok("stat", "-c", "%a %U %G", dir).out(),
                    testbed.host("node1").exec("stat", "-c", "%a %U %G", dir).out(), dir);
        }
    }

    @Test
    void wireguardGoRunsAsWg0OnTwoHostsAtOnce() {
        SecureRandom random = new SecureRandom();
        List<Host> hosts = List.of(testbed.host("node1"), testbed.host("node2"));
        List<Daemon> daemons = hosts.stream().map(h -> h.spawn(Launch.of("wireguard-go", "wireguard-go", "-f", "wg0")
                .withEnv("LOG_LEVEL", "verbose").readyWhen("UAPI listener started"))).toList();
        try {
            for (Host host : hosts) {
                WgPrivateKey key = WgPrivateKey.generate(random);
                host.exec(Duration.ofSeconds(10), key.toBase64() + "\n",
                        List.of("wg", "set", "wg0", "private-key", "/dev/stdin")).requireSuccess();
                assertEquals(key.publicKey().base64(), host.exec("wg", "show", "wg0", "public-key").requireSuccess()
                        .out().strip(), host.name());
                assertEquals(0, host.exec("test", "-S", "/run/wireguard/wg0.sock").exit(), host.name());
            }
            assertTrue(daemons.stream().allMatch(Daemon::isAlive));
        } finally {
            daemons.forEach(Daemon::stop);
        }
    }

    @Test
    void hostsReachEachOtherButNothingOutside() {
        Host attacker = testbed.host("attacker");
        String banner = attacker.exec("bash", "-c", "exec 3<>/dev/tcp/" + testbed.host("node1").address()
                + "/22 && head -c 8 <&3").requireSuccess().out();
        assertEquals("SSH-2.0-", banner);
        // No default route: the kernel refuses before a packet is sent.
        ExecResult outside = attacker.exec("ip", "route", "get", "192.0.2.1");
        assertNotEquals(0, outside.exit());
        assertTrue(outside.err().contains("unreachable"), outside.err());
    }

    @Test
    void aHostKeyCanBeReplacedLikeAReinstalledMachine() throws IOException {
        Host hub = testbed.hub();
        HostKey old = hub.hostKey();
        HostKey fresh = hub.regenerateHostKeys().get(0);
        assertNotEquals(old, fresh);
        ExecResult refused = SshClient.run(hub, "root", testbed.clientKeys().ed25519(), testbed.knownHosts(), "true");
        assertTrue(refused.err().contains("REMOTE HOST IDENTIFICATION HAS CHANGED"), refused.err());
        Path updated = Files.writeString(tmp.resolve("known_hosts"), fresh.knownHostsLine(hub.address(), 22) + "\n");
        assertEquals("hub", SshClient.run(hub, "root", testbed.clientKeys().ed25519(), updated, "hostname")
                .requireSuccess().out().strip());
    }

    @Test
    void aKilledOwnersTestbedIsRemovedByPrefix() throws Exception {
        String prefix = Testbed.newPrefix();
        Process owner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KilledOwner.class.getName(), prefix)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("built", out.readLine());
            owner.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
            List<String> namespaces = Teardown.namespaces(prefix);
            assertEquals(List.of(prefix + "-hub", prefix + "-node1", prefix + "-switch"), namespaces.stream().sorted().toList());
            Leftovers left = new Leftovers(prefix, Testbed.directory(prefix), Set.of(), namespaceIds(namespaces));
            assertFalse(Leftovers.processesInside(left.namespaceIds()).isEmpty(), "sshd, holders and the daemon live on");
            Testbed.removeLeftovers(prefix);
            left.assertNoneLeft();
            Testbed.removeLeftovers(prefix); // nothing left: harmless
        } finally {
            owner.destroyForcibly();
        }
    }

    @Test
    void thirtyNodesBesideAnotherTestbed() throws IOException {
        long started = System.nanoTime();
        Leftovers big;
        try (Testbed thirty = Testbed.start(Testbed.newPrefix(), TestbedSpec.institution(30))) {
            System.out.printf("testbed of hub + 30 nodes: built in %d ms (start() to return, %s)%n",
                    (System.nanoTime() - started) / 1_000_000, thirty.underlay());
            assertNotEquals(testbed.underlay(), thirty.underlay());
            for (Host node : thirty.nodes()) {
                assertEquals("SSH-2.0-", banner(node), node.name());
            }
            big = Leftovers.of(thirty);
            long closing = System.nanoTime();
            thirty.close();
            System.out.printf("testbed of hub + 30 nodes: closed in %d ms%n", (System.nanoTime() - closing) / 1_000_000);
        }
        big.assertNoneLeft();
        // The shared testbed did not notice.
        assertEquals("node1", ssh(testbed.host("node1"), "root", "hostname").out().strip());
    }

    /** The first bytes sshd sends, read over a TCP connection from this JVM in the root namespace. */
    private static String banner(Host host) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host.address(), host.sshPort()), 5000);
            socket.setSoTimeout(5000);
            return new String(socket.getInputStream().readNBytes(8), StandardCharsets.US_ASCII);
        }
    }

    private static Set<String> namespaceIds(List<String> namespaces) throws IOException {
        Set<String> ids = new HashSet<>();
        for (String namespace : namespaces) {
            ids.add("net:[" + Files.getAttribute(Path.of("/run/netns", namespace), "unix:ino") + "]");
        }
        return ids;
    }

    private static ExecResult ssh(Host host, String user, String command) {
        return SshClient.run(host, user, testbed.clientKeys().ed25519(), testbed.knownHosts(), command).requireSuccess();
    }
}
