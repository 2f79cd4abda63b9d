package org.portscope.provisioner.onboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.provisioner.onboard.converge.TargetReport;
import org.portscope.provisioner.onboard.inventory.Inventory;
import org.portscope.provisioner.onboard.inventory.InventoryLoader;
import org.portscope.provisioner.onboard.machine.Assets;
import org.portscope.provisioner.onboard.machine.Layout;
import org.portscope.provisioner.testbed.ExecResult;
import org.portscope.provisioner.testbed.Host;
import org.portscope.provisioner.testbed.HostSpec;
import org.portscope.provisioner.testbed.Testbed;
import org.portscope.provisioner.testbed.TestbedPrerequisites;
import org.portscope.provisioner.testbed.TestbedSpec;
import org.portscope.provisioner.testing.Prerequisites;

/**
 * Issue 6's proof on emulated hosts: a hub and two nodes onboarded with the institution's
 * Crypto-PAn key, real scanners (nmap, hping3) from an attacker outside the overlay at both
 * nodes, and the hub service's API showing per node and tool exactly what each node's jsonl file
 * recorded, with anonymized addresses. Then the hub service is stopped while probes keep
 * arriving, and started again by onboarding: the counts are exact again (nothing lost, nothing
 * stored twice). Runs in order on one testbed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HubDeliveryIT {

    private static final String KEY_ID = "testbed-2026a";
    private static final String API = "http://10.77.0.1:8080";
    /** Closed on every node; nmap probes each once (a closed port answers RST at once). */
    private static final String NMAP_PORTS = "20000-20029,31337,40000-40009";
    private static final int NMAP_PROBES = 41;
    private static final int HPING_PORT = 4444;
    private static final int HPING_PROBES = 300;
    private static final int OUTAGE_PORT = 5555;
    private static final int OUTAGE_PROBES = 600;
    private static final Duration DELIVERED_WITHIN = Duration.ofSeconds(90);

    @TempDir
    static Path dir;

    private static Testbed testbed;
    private static Assets assets;
    private static Path inventory;
    private static Telescope telescope;

    @BeforeAll
    static void onboard() throws Exception {
        Prerequisites.root("network and mount namespaces, wireguard-go");
        List<String> missing = TestbedPrerequisites.ensure();
        Prerequisites.require(missing.isEmpty(), "testbed prerequisites: " + String.join(", ", missing));
        Prerequisites.tool("nmap", "nmap");
        Prerequisites.tool("hping3", "hping3");
        Prerequisites.tool("curl", "curl");
        assets = TestInventory.assets();
        testbed = Testbed.start(Testbed.newPrefix(), TestbedSpec.institution(2).with(HostSpec.plain("attacker")));
        Path key = dir.resolve("anon.key");
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Files.writeString(key, HexFormat.of().formatHex(secret) + "\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        inventory = TestInventory.write(dir, testbed, testbed.nodes(), List.of(), List.of());
        Files.writeString(inventory, "anonymization: {key-file: anon.key, key-id: " + KEY_ID + "}\n", StandardOpenOption.APPEND);
        Onboarding.Result first = TestInventory.onboard(inventory, assets, List.of());
        System.out.println("onboarding hub + 2 nodes with the hub service: " + first.took().toMillis() + " ms");
        assertTrue(first.ok(), () -> first.all().stream().map(TargetReport::summary).toList().toString());
        telescope = new Telescope(testbed.hub(), API);
    }

    @AfterAll
    static void close() {
        if (testbed != null) {
            testbed.close();
        }
    }

    @Test
    @Order(1)
    void theHubServiceRunsUnprivilegedOnTheOverlayAddressOnly() {
        Host hub = testbed.hub();
        String pid = hub.exec("cat", Layout.HUB_PIDFILE + ".child").requireSuccess().out().strip();
        String status = hub.exec("grep", "-E", "^(Uid|CapEff|NoNewPrivs):", "/proc/" + pid + "/status").requireSuccess().out();
        String uid = hub.exec("id", "-u", Layout.HUB_USER).requireSuccess().out().strip();
        assertTrue(status.matches("(?s).*Uid:\\s+" + uid + "\\s.*"), status);
        assertTrue(status.contains("CapEff:\t0000000000000000"), status);
        assertTrue(status.contains("NoNewPrivs:\t1"), status);
        String listening = hub.exec("ss", "-Hltnp").requireSuccess().out();
        // A JVM's dual-stack sockets show an IPv4 address in its mapped form, [::ffff:10.77.0.1].
        List<String> java = listening.lines().filter(l -> l.contains("pid=" + pid + ",")).map(l -> l.split("\\s+")[3])
                .map(a -> a.replaceFirst("^\\[::ffff:([0-9.]+)]", "$1")).sorted().toList();
        assertEquals(List.of("10.77.0.1:2222", "10.77.0.1:7070", "10.77.0.1:8080"), java, listening);
        JsonNode nodes = telescope.get("/api/nodes").path("nodes");
        assertEquals(2, nodes.size(), nodes.toString());
        nodes.forEach(n -> assertTrue(n.path("registered").asBoolean(), nodes.toString()));
        for (Host node : testbed.nodes()) {
            assertEquals("600 portscope:portscope\n", node.exec("stat", "-c", "%a %U:%G", Layout.ANON_KEY).requireSuccess().out());
        }
    }

    @Test
    @Order(2)
    void theHubShowsPerNodeAndToolExactlyWhatEachNodeRecorded() {
        Host attacker = testbed.host("attacker");
        for (Host node : testbed.nodes()) {
            attacker.exec(Duration.ofSeconds(120), null, List.of("nmap", "-sS", "-n", "-Pn", "--max-retries", "0",
                    "-p", NMAP_PORTS, node.address())).requireSuccess();
            attacker.exec(Duration.ofSeconds(60), null, List.of("hping3", "-q", "-S", "-p", String.valueOf(HPING_PORT),
                    "-i", "u2000", "-c", String.valueOf(HPING_PROBES), node.address()));
        }
        for (Host node : testbed.nodes()) {
            Telescope.await(node.name() + "'s jsonl has every probe", Duration.ofSeconds(60),
                    () -> Telescope.local(node, null).getOrDefault("nmap", 0L) >= NMAP_PROBES
                            && Telescope.local(node, HPING_PORT).getOrDefault("hping3", 0L) >= HPING_PROBES,
                    () -> Telescope.local(node, null).toString());
            assertEquals(Map.of("hping3", (long) HPING_PROBES), Telescope.local(node, HPING_PORT));
            assertEquals(NMAP_PROBES, Telescope.local(node, null).get("nmap"), "one nmap probe per port");
            assertExactAtTheHub(node);
            System.out.println(node.name() + ": jsonl and hub agree: " + telescope.stored(node.name(), null));
        }
    }

    @Test
    @Order(3)
    void addressesAtTheHubAreAnonymizedWithTheInstitutionsKey() {
        Host attacker = testbed.host("attacker");
        Host node = testbed.host("node1");
        // The node's own tool maps the attacker's address under the deployed key, as the sensor's user.
        ExecResult mapped = node.exec(Duration.ofSeconds(60), null, List.of("setpriv", "--reuid=" + Layout.USER,
                "--regid=" + Layout.USER, "--init-groups", "env", "-i", "PATH=/usr/bin:/bin", "HOME=" + Layout.STATE_DIR,
                Layout.LAUNCHER, "anonymize",
                "--key-file", Layout.ANON_KEY, attacker.address(), node.address()));
        List<String> lines = mapped.requireSuccess().out().lines().toList();
        String src = lines.get(0).strip();
        String dst = lines.get(1).strip();
        assertNotEquals(attacker.address(), src);
        JsonNode observations = telescope.get("/api/observations?node=node1&port=" + HPING_PORT + "&limit=1000").path("observations");
        assertEquals(HPING_PROBES, observations.size());
        for (JsonNode o : observations) {
            assertEquals(src, o.path("src").asText(), o.toString());
            assertEquals(dst, o.path("dst").asText(), o.toString());
            assertEquals(KEY_ID, o.path("anonKeyId").asText(), o.toString());
        }
        String all = telescope.get("/api/observations?limit=1000").toString();
        assertFalse(all.contains("\"" + attacker.address() + "\""), "the attacker's real address reached the hub");
    }

    @Test
    @Order(4)
    void aHubStoppedUnderTrafficLosesNothingAndStoresNothingTwice() {
        Host hub = testbed.hub();
        Host attacker = testbed.host("attacker");
        List<CompletableFuture<ExecResult>> traffic = new ArrayList<>();
        for (Host node : testbed.nodes()) { // 100 probes/s for 6 s at each node
            traffic.add(CompletableFuture.supplyAsync(() -> attacker.exec(Duration.ofSeconds(60), null, List.of("hping3", "-q",
                    "-S", "-p", String.valueOf(OUTAGE_PORT), "-i", "u10000", "-c", String.valueOf(OUTAGE_PROBES), node.address()))));
        }
        Host node1 = testbed.host("node1");
        Telescope.await("the probes arrive", Duration.ofSeconds(30),
                () -> Telescope.local(node1, OUTAGE_PORT).getOrDefault("hping3", 0L) > 0, () -> "none on node1");
        hub.exec(Duration.ofSeconds(60), null, List.of("sh", "-c", "kill -TERM \"$(cat " + Layout.HUB_PIDFILE + ")\";"
                + " while [ -e " + Layout.HUB_PIDFILE + " ]; do sleep 0.1; done")).requireSuccess();
        long stoppedAt = Telescope.local(node1, OUTAGE_PORT).getOrDefault("hping3", 0L);
        assertFalse(telescope.up(), "the hub service still answers");
        traffic.forEach(CompletableFuture::join);
        for (Host node : testbed.nodes()) {
            Telescope.await(node.name() + "'s jsonl has the probes sent during the outage", Duration.ofSeconds(30),
                    () -> Telescope.local(node, OUTAGE_PORT).getOrDefault("hping3", 0L) >= OUTAGE_PROBES,
                    () -> Telescope.local(node, OUTAGE_PORT).toString());
        }
        assertTrue(stoppedAt < OUTAGE_PROBES, "the hub was stopped after the traffic ended: " + stoppedAt);
        long waiting = spooled("node1") - forwarded("node1");
        assertTrue(waiting > 0, "node1's forwarder has nothing waiting for the hub");
        System.out.println("during the outage node1 spooled " + waiting + " observations for the hub");

        long start = System.nanoTime();
        Onboarding.Result restart = TestInventory.onboard(inventory, assets, List.of());
        assertEquals("hub: 1 change (hub-start)", restart.hub().summary());
        for (Host node : testbed.nodes()) {
            assertExactAtTheHub(node);
        }
        System.out.println("after the hub's restart every node's counts were exact within "
                + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms (onboarding run included)");
        for (Host node : testbed.nodes()) {
            assertEquals(Map.of("hping3", (long) OUTAGE_PROBES), telescope.stored(node.name(), OUTAGE_PORT));
            assertEquals(spooled(node.name()), forwarded(node.name()), node.name() + ": all acknowledged");
        }
    }

    @Test
    @Order(5)
    void aSecondRunChangesNothing() {
        Onboarding.Result again = TestInventory.onboard(inventory, assets, List.of());
        for (TargetReport report : again.all()) {
            assertEquals(report.target() + ": up to date, 0 changes", report.summary());
        }
    }

    @Test
    @Order(6)
    void anOffboardedNodeLeavesThePeersFileAndTheRunningHubReadsItAgain() {
        Host hub = testbed.hub();
        String pid = hub.exec("cat", Layout.HUB_PIDFILE + ".child").requireSuccess().out().strip();
        Onboarding.Result off = TestInventory.offboard(inventory, assets, List.of("node2"));
        assertTrue(off.ok(), () -> off.all().stream().map(TargetReport::summary).toList().toString());
        String peers = hub.exec("cat", Layout.HUB_PEERS).requireSuccess().out();
        assertTrue(peers.contains("name: node1") && !peers.contains("node2"), peers);
        Telescope.await("the hub no longer registers node2", Duration.ofSeconds(30),
                () -> telescope.registered("node2") == Boolean.FALSE, () -> telescope.get("/api/nodes").toString());
        assertEquals(Boolean.TRUE, telescope.registered("node1"));
        assertEquals(pid, hub.exec("cat", Layout.HUB_PIDFILE + ".child").requireSuccess().out().strip(), "the hub was restarted");
    }

    @Test
    @Order(7)
    void withoutAKeyInTheInventoryTheNodesKeyIsRemovedAndTheRunWarns() throws Exception {
        String yaml = Files.readString(inventory);
        Files.writeString(inventory, yaml.substring(0, yaml.indexOf("anonymization:")));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        Onboarding.Result run;
        try (java.io.PrintStream print = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8)) {
            Inventory changed = InventoryLoader.load(inventory);
            run = Onboarding.run(OnboardContext.of(changed, assets, Map.of()), List.of(changed.node("node1").orElseThrow()), 4,
                    new org.portscope.provisioner.onboard.converge.PlainProgress(print));
        }
        String log = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        System.out.print(log);
        assertTrue(log.startsWith("warning: the inventory names no anonymization key"), log);
        assertEquals("hub: up to date, 0 changes", run.hub().summary());
        assertEquals("node1: 3 changes (sensor-bundle, sensor-config, sensor-start)", run.node("node1").summary());
        Host node1 = testbed.host("node1");
        assertFalse(node1.exec("test", "-e", Layout.ANON_KEY).succeeded(), "the key is left on node1");
        String config = node1.exec("cat", Layout.SENSOR_CONFIG).requireSuccess().out();
        assertTrue(config.contains("plugin: identity") && !config.contains("anon.key"), config);
        assertFalse(node1.exec("test", "-e", Layout.PLUGINS + "/anonymize-cryptopan.jar").succeeded(), "the unused plugin is left");
    }

    /** Waits until the hub's counts for {@code node} equal its jsonl's, then checks they stay so once all is acknowledged. */
    private static void assertExactAtTheHub(Host node) {
        Telescope.await("the hub's counts for " + node.name() + " equal its jsonl's", DELIVERED_WITHIN,
                () -> telescope.stored(node.name(), null).equals(Telescope.local(node, null)),
                () -> "hub " + telescope.stored(node.name(), null) + ", node " + Telescope.local(node, null));
        Telescope.await(node.name() + "'s forwarder has every batch acknowledged", Duration.ofSeconds(30),
                () -> spooled(node.name()) == forwarded(node.name()), () -> spooled(node.name()) + " spooled, "
                        + forwarded(node.name()) + " forwarded");
        assertEquals(Telescope.local(node, null), telescope.stored(node.name(), null));
    }

    private static long spooled(String node) {
        return telescope.sensorCounter(overlay(node), 9105, "portscope_collector_observations_spooled_total");
    }

    private static long forwarded(String node) {
        return telescope.sensorCounter(overlay(node), 9105, "portscope_collector_observations_forwarded_total");
    }

    private static String overlay(String node) {
        return telescope.overlay(inventory, node);
    }
}
