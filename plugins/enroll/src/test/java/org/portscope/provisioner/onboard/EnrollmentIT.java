package org.portscope.provisioner.onboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.provisioner.demo.TestbedInventory;
import org.portscope.provisioner.enroll.Bootstrap;
import org.portscope.provisioner.enroll.EnrollToken;
import org.portscope.provisioner.enroll.EnrollmentTokens;
import org.portscope.provisioner.enroll.IssuedToken;
import org.portscope.provisioner.onboard.converge.TargetReport;
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
import org.portscope.provisioner.wireguard.WgPrivateKey;

/**
 * Issue 7's proof on emulated hosts: a hub onboarded over SSH with its enrollment API, one node
 * onboarded over SSH, and a node with no SSH server that joins by the bootstrap one-liner (bundle
 * over pinned TLS, checksum, {@code portscope-sensor enroll}); hping3 from an attacker reaches the
 * hub's API through it. Then the refusals (a used-up token, a token pinned to another
 * certificate), 20 enrollments at once from real curl processes, a converge of the hub that keeps
 * the enrolled peers, and a second enroll that changes nothing. Runs in order on one testbed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EnrollmentIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ENROLLMENT_PORT = 8443;
    private static final int HPING_PORT = 4444;
    private static final int HPING_PROBES = 200;
    private static final int CROWD = 20;
    private static final String PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    @TempDir
    static Path dir;

    private static Testbed testbed;
    private static Assets assets;
    private static Path inventory;
    private static Telescope telescope;
    private static IssuedToken single;
    private static final Map<String, String> crowdAddresses = new java.util.TreeMap<>();

    @BeforeAll
    static void onboard() throws Exception {
        Prerequisites.root("network and mount namespaces, wireguard-go");
        List<String> missing = TestbedPrerequisites.ensure();
        Prerequisites.require(missing.isEmpty(), "testbed prerequisites: " + String.join(", ", missing));
        Prerequisites.tool("hping3", "hping3");
        Prerequisites.tool("curl", "curl");
        assets = TestInventory.assets();
        testbed = Testbed.start(Testbed.newPrefix(), TestbedSpec.institution(1).with(HostSpec.plain("attacker"))
                .with(HostSpec.plain("enrolled")).with(HostSpec.plain("crowd")));
        inventory = TestInventory.write(dir, testbed, testbed.nodes(), List.of(), List.of());
        String yaml = Files.readString(inventory);
        String endpoint = "  endpoint: " + testbed.hub().address() + ":51820\n";
        assertTrue(yaml.contains(endpoint), yaml);
        Files.writeString(inventory, yaml.replace(endpoint, endpoint + "  enrollment-port: " + ENROLLMENT_PORT + "\n"));
        Onboarding.Result first = TestInventory.onboard(inventory, assets, List.of());
        assertTrue(first.ok(), () -> first.all().stream().map(TargetReport::summary).toList().toString());
        telescope = new Telescope(testbed.hub(), "http://" + TestbedInventory.HUB_OVERLAY_ADDRESS + ":"
                + TestbedInventory.HUB_API_PORT);
    }

    @AfterAll
    static void close() {
        if (testbed != null) {
            testbed.close();
        }
    }

    @Test
    @Order(1)
    void aNodeWithNoSshServerEnrollsByTheOneLinerAndItsObservationsReachTheHub() throws Exception {
        Host node = testbed.host("enrolled");
        assertTrue(node.sshd().isEmpty(), "the enrolling host runs no sshd");
        single = EnrollmentTokens.create(InventoryLoader.load(inventory), 1, Duration.ofHours(1), "single");
        long start = System.nanoTime();
        // On standard input, as typed into a root shell: the token stays off every command line.
        ExecResult run = node.exec(Duration.ofMinutes(5), Bootstrap.shellOneLiner(single) + "\n", List.of("env", "-i", PATH, "sh"));
        System.out.println(run.out() + run.err());
        run.requireSuccess();
        System.out.println("bootstrap one-liner (bundle, checksum, enroll, tunnel, sensor): "
                + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
        assertEquals("600 root:root\n", node.exec("stat", "-c", "%a %U:%G", Layout.wgKey("wg0")).requireSuccess().out());
        JsonNode record = JSON.readTree(node.exec("cat", "/etc/portscope/enrollment.json").requireSuccess().out());
        String address = record.path("address").asText();
        assertNotEquals(overlay("node1"), address);
        Telescope.await("the hub registers the enrolled node", Duration.ofSeconds(30),
                () -> telescope.registered("enrolled") == Boolean.TRUE, () -> telescope.get("/api/nodes").toString());

        testbed.host("attacker").exec(Duration.ofSeconds(60), null, List.of("hping3", "-q", "-S", "-p",
                String.valueOf(HPING_PORT), "-i", "u2000", "-c", String.valueOf(HPING_PROBES), node.address()));
        Telescope.await("the hub stores every hping3 probe the enrolled node saw", Duration.ofSeconds(90),
                () -> telescope.stored("enrolled", HPING_PORT).equals(Map.of("hping3", (long) HPING_PROBES)),
                () -> "hub " + telescope.stored("enrolled", HPING_PORT) + ", node " + Telescope.local(node, HPING_PORT)
                        + "\n" + node.exec("sh", "-c", "cat /etc/portscope/sensor.yaml; tail -n 40 /var/log/portscope/*.log;"
                        + " wg show; ip -br addr").out() + "\nhub: " + testbed.hub().exec("wg", "show").out());
        assertEquals(Map.of("hping3", (long) HPING_PROBES), Telescope.local(node, HPING_PORT));
        List<Status.NodeStatus> status = Status.read(OnboardContext.of(InventoryLoader.load(inventory), assets, Map.of()));
        Status.NodeStatus enrolled = status.stream().filter(n -> n.node().equals("enrolled")).findFirst().orElseThrow();
        assertTrue(enrolled.healthy() && enrolled.handshakeAge() >= 0, status.toString());
        assertEquals(address, enrolled.address());
    }

    @Test
    @Order(2)
    void aSecondUseOfASingleUseTokenIsRefused() {
        JsonNode answer = post(testbed.host("attacker"), single.token(), "second", newPublicKey());
        assertEquals(403, answer.path("http").asInt(), answer.toString());
        assertTrue(answer.path("error").asText().contains("used up (1 of 1 use)"), answer.toString());
        assertFalse(hubPeers().contains("second"), "the hub recorded a refused node");
    }

    @Test
    @Order(3)
    void aTokenPinnedToAnotherCertificateAbortsNamingBothPins() {
        EnrollToken real = EnrollToken.parse(single.token());
        byte[] other = new byte[32];
        new SecureRandom().nextBytes(other);
        String otherPin = Base64.getUrlEncoder().withoutPadding().encodeToString(other);
        String forged = new EnrollToken(real.id(), real.secret(), otherPin).text();
        Host crowd = testbed.host("crowd");
        // The node bundle as the hub serves it, fetched without a pin, so that enroll itself meets the
        // wrong one (the repository may not be visible in a host: /tmp is the host's own there).
        crowd.exec(Duration.ofMinutes(2), null, List.of("sh", "-c", "set -e; curl -fsS -k -o /tmp/node.tgz https://"
                + single.hub() + "/v1/bundle; tar -xzf /tmp/node.tgz -C /")).requireSuccess();
        ExecResult run = crowd.exec(Duration.ofMinutes(3), null, List.of("env", "-i", PATH, Layout.LAUNCHER, "enroll",
                "--hub", single.hub(), "--token", forged, "--name", "pinned-elsewhere"));
        assertEquals(1, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains(otherPin) && run.err().contains(real.pin()), run.err());
        assertFalse(crowd.exec("test", "-e", "/etc/portscope/enrollment.json").succeeded(), "the node recorded an enrollment");
        assertFalse(hubPeers().contains("pinned-elsewhere"));
    }

    @Test
    @Order(4)
    void twentyNodesEnrollingAtOnceGetDistinctAddresses() throws Exception {
        IssuedToken many = EnrollmentTokens.create(InventoryLoader.load(inventory), CROWD, Duration.ofHours(1), "crowd");
        Host crowd = testbed.host("crowd");
        List<CompletableFuture<JsonNode>> answers = new ArrayList<>();
        for (int i = 1; i <= CROWD; i++) {
            String name = "crowd" + i;
            String key = newPublicKey();
            answers.add(CompletableFuture.supplyAsync(() -> post(crowd, many.token(), name, key)));
        }
        Set<String> addresses = new HashSet<>();
        for (CompletableFuture<JsonNode> future : answers) {
            JsonNode answer = future.join();
            assertEquals(200, answer.path("http").asInt(), answer.toString());
            assertEquals("enrolled", answer.path("status").asText(), answer.toString());
            assertTrue(addresses.add(answer.path("address").asText()), "address given twice: " + answer);
            crowdAddresses.put(answer.path("name").asText(), answer.path("address").asText());
        }
        assertEquals(CROWD, addresses.size());
        assertFalse(addresses.contains(overlay("node1")), "an enrolled node got node1's address");
        assertFalse(addresses.contains(TestbedInventory.HUB_OVERLAY_ADDRESS));
        // root applies the peers the hub service published within a second (portscope-wg-run)
        Telescope.await("every enrolled node is a peer on the hub", Duration.ofSeconds(20),
                () -> addresses.stream().allMatch(a -> hubAllowed().contains(a + "/32")), EnrollmentIT::hubAllowed);
        JsonNode refused = post(crowd, many.token(), "crowd21", newPublicKey());
        assertEquals(403, refused.path("http").asInt(), refused.toString());
    }

    @Test
    @Order(5)
    void onboardingAgainKeepsEveryEnrolledPeerAndChangesNothing() throws Exception {
        String before = testbed.hub().exec("wg", "show", "wg0", "allowed-ips").requireSuccess().out();
        Onboarding.Result again = TestInventory.onboard(inventory, assets, List.of());
        assertTrue(again.ok(), () -> again.all().stream().map(TargetReport::summary).toList().toString());
        String after = testbed.hub().exec("wg", "show", "wg0", "allowed-ips").requireSuccess().out();
        assertEquals(sorted(before), sorted(after), "the hub's peers changed");
        assertEquals("hub: up to date, 0 changes", again.hub().summary(), "enrolled peers made the hub converge change");
        Set<String> enrolled = new HashSet<>(crowdAddresses.values());
        assertFalse(enrolled.contains(overlay("node1")));
    }

    @Test
    @Order(6)
    void enrollingAnEnrolledNodeAgainChangesNothing() {
        Host node = testbed.host("enrolled");
        String record = node.exec("cat", "/etc/portscope/enrollment.json").requireSuccess().out();
        String hubFile = testbed.hub().exec("cat", Layout.HUB_ENROLLED + "/enrolled.json").requireSuccess().out();
        String sensor = node.exec("cat", Layout.SENSOR_PIDFILE).requireSuccess().out();
        ExecResult run = node.exec(Duration.ofMinutes(3), null, List.of("env", "-i", PATH, Layout.LAUNCHER, "enroll",
                "--hub", single.hub(), "--token", single.token()));
        System.out.println(run.out());
        run.requireSuccess();
        assertTrue(run.out().contains("enrolled: up to date, 0 changes"), run.out());
        assertEquals(record, node.exec("cat", "/etc/portscope/enrollment.json").requireSuccess().out());
        assertEquals(hubFile, testbed.hub().exec("cat", Layout.HUB_ENROLLED + "/enrolled.json").requireSuccess().out());
        assertEquals(sensor, node.exec("cat", Layout.SENSOR_PIDFILE).requireSuccess().out(), "the sensor was restarted");
    }

    @Test
    @Order(7)
    void aRevokedNodeLeavesTheHubsPeersAndARevokedTokenIsRefused() throws Exception {
        var inv = InventoryLoader.load(inventory);
        String address = crowdAddresses.get("crowd1");
        try (var ssh = org.portscope.provisioner.onboard.hub.EnrolledNodes.open(inv, Map.of())) {
            assertTrue(org.portscope.provisioner.onboard.hub.EnrolledNodes.revoke(ssh.root(), "crowd1"));
            assertFalse(org.portscope.provisioner.onboard.hub.EnrolledNodes.revoke(ssh.root(), "crowd1"), "revoked twice");
        }
        Telescope.await("crowd1's peer leaves the hub", Duration.ofSeconds(20),
                () -> !hubAllowed().contains(address + "/32"), EnrollmentIT::hubAllowed);
        assertTrue(hubAllowed().contains(crowdAddresses.get("crowd2") + "/32"), "another enrolled peer left too");
        assertTrue(EnrollmentTokens.revoke(inv, EnrollToken.parse(single.token()).id()));
        JsonNode refused = post(testbed.host("attacker"), single.token(), "late", newPublicKey());
        assertEquals(403, refused.path("http").asInt(), refused.toString());
        assertTrue(refused.path("error").asText().contains("not known to this hub (revoked"), refused.toString());
    }

    /** POSTs an enrollment with curl from {@code from}, pinned like the bootstrap; the answer plus "http". */
    private static JsonNode post(Host from, String token, String name, String publicKey) {
        EnrollToken parsed = EnrollToken.parse(token);
        String body = "{\"token\":\"" + token + "\",\"name\":\"" + name + "\",\"publicKey\":\"" + publicKey
                + "\",\"facts\":{\"hostname\":\"" + name + "\"}}";
        ExecResult r = from.exec(Duration.ofSeconds(60), body, List.of("curl", "-sS", "-k", "--pinnedpubkey",
                parsed.curlPin(), "-m", "50", "-H", "Content-Type: application/json", "--data-binary", "@-",
                "-w", "\n%{http_code}", "https://" + single.hub() + "/v1/enroll"));
        r.requireSuccess();
        String out = r.out();
        int cut = out.lastIndexOf('\n');
        try {
            com.fasterxml.jackson.databind.node.ObjectNode answer = (com.fasterxml.jackson.databind.node.ObjectNode)
                    JSON.readTree(out.substring(0, cut));
            answer.put("http", Integer.parseInt(out.substring(cut + 1).strip()));
            return answer;
        } catch (Exception e) {
            throw new AssertionError("not a JSON answer: " + out, e);
        }
    }

    private static String hubAllowed() {
        return testbed.hub().exec("wg", "show", "wg0", "allowed-ips").requireSuccess().out();
    }

    private static String newPublicKey() {
        return WgPrivateKey.generate(new SecureRandom()).publicKey().base64();
    }

    private static String hubPeers() {
        return testbed.hub().exec("sh", "-c", "ls " + Layout.HUB_ENROLLED + " 2>/dev/null || true").requireSuccess().out();
    }

    private static List<String> sorted(String lines) {
        return lines.lines().map(String::strip).sorted().toList();
    }

    private static String overlay(String node) {
        return telescope.overlay(inventory, node);
    }
}
