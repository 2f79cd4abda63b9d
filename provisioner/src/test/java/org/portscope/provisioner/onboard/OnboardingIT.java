package org.portscope.provisioner.onboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.provisioner.onboard.converge.StepTimes;
import org.portscope.provisioner.onboard.converge.TargetReport;
import org.portscope.provisioner.onboard.inventory.InventoryLoader;
import org.portscope.provisioner.onboard.machine.Assets;
import org.portscope.provisioner.onboard.machine.Layout;
import org.portscope.provisioner.onboard.state.ProvisionerState;
import org.portscope.provisioner.ssh.HostKeyMismatchException;
import org.portscope.provisioner.testbed.ExecResult;
import org.portscope.provisioner.testbed.Host;
import org.portscope.provisioner.testbed.HostSpec;
import org.portscope.provisioner.testbed.Testbed;
import org.portscope.provisioner.testbed.TestbedPrerequisites;
import org.portscope.provisioner.testbed.TestbedSpec;
import org.portscope.provisioner.testing.Prerequisites;

/**
 * Onboarding into a real WireGuard overlay on emulated hosts: a hub, three nodes (pinned host
 * keys and trust on first use; root and sudo logins) and an attacker outside the overlay. The
 * tests run in order on one testbed: onboard, ping, a real scan seen by a sensor, a second run
 * that changes nothing, offboarding one node, and a node whose host key changed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OnboardingIT {

    @TempDir
    static Path dir;

    private static Testbed testbed;
    private static Assets assets;
    private static Path inventory;
    private static Onboarding.Result first;

    @BeforeAll
    static void onboard() throws Exception {
        Prerequisites.root("network and mount namespaces, wireguard-go");
        List<String> missing = TestbedPrerequisites.ensure();
        Prerequisites.require(missing.isEmpty(), "testbed prerequisites: " + String.join(", ", missing));
        Prerequisites.tool("nmap", "nmap");
        assets = TestInventory.assets();
        testbed = Testbed.start(Testbed.newPrefix(), TestbedSpec.institution(3).with(HostSpec.plain("attacker")));
        inventory = TestInventory.write(dir, testbed, testbed.nodes(), List.of("node2"), List.of("node2"));
        first = TestInventory.onboard(inventory, assets, List.of());
        System.out.println("first onboarding of 3 nodes: " + first.took().toMillis() + " ms");
        StepTimes.table(first.all()).forEach(System.out::println);
    }

    @AfterAll
    static void close() {
        if (testbed != null) {
            testbed.close();
        }
    }

    @Test
    @Order(1)
    void everyNodeIsOnboardedAndVerified() throws Exception {
        assertTrue(first.ok(), () -> first.all().stream().map(TargetReport::summary).toList().toString());
        for (TargetReport node : first.nodes()) {
            assertTrue(node.changes() > 0, node.summary());
            assertEquals("verify", node.steps().get(node.steps().size() - 1).step());
        }
        Path state = InventoryLoader.load(inventory).stateFile();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state)));
        String known = Files.readString(dir.resolve("institution.known_hosts"));
        assertTrue(known.contains(testbed.host("node2").hostKey().openSsh()), known);
        for (Host node : testbed.nodes()) {
            ExecResult conf = node.exec("stat", "-c", "%a %U", "/etc/wireguard/wg0.conf", "/etc/wireguard/wg0.key");
            assertEquals("600 root\n600 root\n", conf.requireSuccess().out());
            node.exec("test", "-f", Layout.SENSOR_UNIT).requireSuccess();
        }
    }

    @Test
    @Order(2)
    void theOverlayCarriesPingsBothWays() {
        Host hub = testbed.hub();
        ProvisionerState state = state();
        for (Host node : testbed.nodes()) {
            String address = state.node(node.name()).orElseThrow().addresses().toString();
            hub.exec("ping", "-c", "1", "-W", "3", address).requireSuccess();
            node.exec("ping", "-c", "1", "-W", "3", "10.77.0.1").requireSuccess();
        }
    }

    @Test
    @Order(3)
    void theSensorRunsAsPortscopeWithOnlyItsTwoCapabilities() {
        Host node = testbed.host("node1");
        String pid = node.exec("cat", Layout.SENSOR_PIDFILE + ".child").requireSuccess().out().strip();
        String status = node.exec("grep", "-E", "^(Uid|CapEff|CapBnd|CapAmb|NoNewPrivs):", "/proc/" + pid + "/status")
                .requireSuccess().out();
        String uid = node.exec("id", "-u", Layout.USER).requireSuccess().out().strip();
        assertTrue(status.matches("(?s).*Uid:\\s+" + uid + "\\s.*"), status);
        // CAP_NET_RAW (13) and CAP_NET_BIND_SERVICE (10): bits 0x2000 | 0x400
        assertTrue(status.contains("CapEff:\t0000000000002400"), status);
        assertTrue(status.contains("CapBnd:\t0000000000002400"), status);
        assertTrue(status.contains("NoNewPrivs:\t1"), status);
    }

    @Test
    @Order(4)
    void aScanFromOutsideTheOverlayReachesTheSensorsJsonl() {
        Host node = testbed.host("node1");
        ExecResult scan = testbed.host("attacker").exec(Duration.ofSeconds(60), null,
                List.of("nmap", "-sS", "-n", "-Pn", "-p", "20-30", node.address()));
        scan.requireSuccess();
        // Wait for the lines as they are written (tail -F follows the file), no sleeping.
        ExecResult seen = node.exec(Duration.ofSeconds(45), null, List.of("timeout", "40", "sh", "-c",
                "tail -F -n +1 " + Layout.OBSERVATIONS + " 2>/dev/null | grep -m 1 '\"dport\":2[0-9]'"));
        assertEquals(0, seen.exit(), "no observation of the scan on node1: " + seen.err()
                + node.exec("sh", "-c", "tail -n 20 " + Layout.LOG_DIR + "/sensor.log").out());
        assertTrue(seen.out().contains("\"node\":\"node1\""), seen.out());
        assertTrue(seen.out().contains("\"tool\":\"nmap\""), seen.out());
    }

    @Test
    @Order(5)
    void aSecondRunChangesNothingAndSaysSo() {
        Onboarding.Result again = TestInventory.onboard(inventory, assets, List.of());
        assertTrue(again.ok(), () -> again.all().stream().map(TargetReport::summary).toList().toString());
        for (TargetReport report : again.all()) {
            assertEquals(report.target() + ": up to date, 0 changes", report.summary());
        }
        System.out.println("second run: " + again.took().toMillis() + " ms");
    }

    @Test
    @Order(6)
    void statusShowsHandshakesAndHealthThroughTheHub() {
        Cli status = Cli.run("status", "--inventory", inventory.toString());
        assertEquals(0, status.exit(), status.out() + status.err());
        for (Host node : testbed.nodes()) {
            assertTrue(status.out().lines().anyMatch(l -> l.startsWith(node.name() + " ") && l.endsWith("healthy")
                    && l.matches(".* \\d+ s ago .*")), status.out());
        }
    }

    @Test
    @Order(7)
    void aKilledSensorIsStartedAgainByItsSupervisor() {
        Host node = testbed.host("node3");
        String before = node.exec("cat", Layout.SENSOR_PIDFILE + ".child").requireSuccess().out().strip();
        node.exec("kill", "-KILL", before).requireSuccess();
        // The supervisor writes the new child's pid when it starts it again: wait for that file to change.
        ExecResult restarted = node.exec(Duration.ofSeconds(30), null, List.of("timeout", "25", "sh", "-c",
                "while [ \"$(cat " + Layout.SENSOR_PIDFILE + ".child)\" = " + before + " ]; do sleep 0.1; done; cat "
                        + Layout.SENSOR_PIDFILE + ".child"));
        assertEquals(0, restarted.exit(), restarted.err());
        assertNotEquals(before, restarted.out().strip());
        // and the converge finds it running: nothing to change
        Onboarding.Result again = TestInventory.onboard(inventory, assets, List.of("node3"));
        assertEquals("node3: up to date, 0 changes", again.node("node3").summary());
    }

    @Test
    @Order(8)
    void offboardingANodeGoneFromTheInventoryRemovesItsPeerAndFilesWhileOthersStayUp() throws Exception {
        String node2Key = state().node("node2").orElseThrow().publicKey().base64();
        inventory = TestInventory.write(dir, testbed, List.of(testbed.host("node1"), testbed.host("node3")),
                List.of(), List.of());
        Cli off = Cli.run("offboard", "--inventory", inventory.toString(), "--plain");
        assertEquals(0, off.exit(), off.out() + off.err());
        assertTrue(off.out().contains("node2 forget changed"), off.out());
        Host hub = testbed.hub();
        String peers = hub.exec("wg", "show", "wg0", "peers").requireSuccess().out();
        assertFalse(peers.contains(node2Key), peers);
        assertEquals(2, peers.strip().lines().count(), peers);
        Host node2 = testbed.host("node2");
        for (String path : List.of(Layout.INSTALL_DIR, Layout.CONFIG_DIR, Layout.STATE_DIR, "/etc/wireguard/wg0.conf",
                "/etc/wireguard/wg0.key", Layout.SENSOR_UNIT)) {
            assertFalse(node2.exec("test", "-e", path).succeeded(), path + " is left on node2");
        }
        assertFalse(node2.exec("id", Layout.USER).succeeded(), "user portscope is left on node2");
        assertFalse(node2.exec("ip", "link", "show", "wg0").succeeded(), "wg0 is left on node2");
        assertTrue(state().node("node2").isEmpty());
        // The others' tunnels were not touched: they still answer across the overlay and hold handshakes.
        for (String name : List.of("node1", "node3")) {
            String address = state().node(name).orElseThrow().addresses().toString();
            hub.exec("ping", "-c", "1", "-W", "3", address).requireSuccess();
        }
        String handshakes = hub.exec("wg", "show", "wg0", "latest-handshakes").requireSuccess().out();
        handshakes.lines().forEach(l -> assertFalse(l.endsWith("\t0"), handshakes));
    }

    @Test
    @Order(9)
    void aNodeWithAChangedHostKeyIsRefusedWhileOthersProceed() {
        Host node3 = testbed.host("node3");
        String old = node3.hostKey().fingerprint();
        node3.regenerateHostKeys();
        Onboarding.Result run = TestInventory.onboard(inventory, assets, List.of("node1", "node3"));
        TargetReport refused = run.node("node3");
        assertFalse(refused.ok());
        assertEquals("connect", refused.failure().step());
        HostKeyMismatchException mismatch = assertInstanceOf(HostKeyMismatchException.class, refused.failure().getCause());
        String message = refused.failure().getMessage();
        assertTrue(message.contains("node3: step 'connect' failed"), message);
        assertTrue(message.contains(node3.address() + ":22"), message);
        assertTrue(message.contains("expected " + old), message);
        assertTrue(message.contains("seen 256 " + node3.hostKey().fingerprint()), message);
        assertEquals(old, mismatch.expected());
        assertEquals("node1: up to date, 0 changes", run.node("node1").summary());
    }

    /** {@code portscope ARGS} as the launcher runs it, output captured. */
    private record Cli(int exit, String out, String err) {
        static Cli run(String... args) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            int exit = org.portscope.provisioner.cli.Main.run(List.of(args), new org.portscope.provisioner.cli.Io(
                    java.io.InputStream.nullInputStream(), new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                    new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8), null));
            System.out.print(out.toString(java.nio.charset.StandardCharsets.UTF_8));
            return new Cli(exit, out.toString(java.nio.charset.StandardCharsets.UTF_8), err.toString(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static ProvisionerState state() {
        return ProvisionerState.load(InventoryLoader.load(inventory));
    }
}
