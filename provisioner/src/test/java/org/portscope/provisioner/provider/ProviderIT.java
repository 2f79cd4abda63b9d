package org.portscope.provisioner.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Empty;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
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
import org.portscope.provisioner.enroll.Bootstrap;
import org.portscope.provisioner.enroll.IssuedToken;
import org.portscope.provisioner.enroll.NodeBundle;
import org.portscope.provisioner.onboard.machine.Assets;
import org.portscope.provisioner.onboard.machine.Layout;
import org.portscope.provisioner.testbed.Host;
import org.portscope.provisioner.testbed.Testbed;
import org.portscope.provisioner.testbed.TestbedPrerequisites;
import org.portscope.provisioner.testbed.TestbedSpec;
import org.portscope.provisioner.testing.Prerequisites;
import pulumirpc.Provider.CheckRequest;
import pulumirpc.Provider.CheckResponse;
import pulumirpc.Provider.ConfigureRequest;
import pulumirpc.Provider.CreateRequest;
import pulumirpc.Provider.CreateResponse;
import pulumirpc.Provider.DeleteRequest;
import pulumirpc.Provider.DiffRequest;
import pulumirpc.Provider.DiffResponse;
import pulumirpc.Provider.ErrorResourceInitFailed;
import pulumirpc.Provider.PropertyDiff;
import pulumirpc.Provider.ReadRequest;
import pulumirpc.Provider.ReadResponse;
import pulumirpc.Provider.UpdateRequest;
import pulumirpc.Provider.UpdateResponse;

/**
 * The provider process spoken to as the Pulumi engine speaks to it, against the emulated hosts of a
 * testbed (a hub and two nodes with real sshd, WireGuard through wireguard-go): plugin info, config,
 * check, diff, create, read, update and delete, each checked on the machines themselves, then the
 * diagnostics of a failing node and Cancel. The tests run in order on one testbed and one provider.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProviderIT {

    private static final String STACK = "urn:pulumi:it::portscope::portscope:institution:Institution$";
    private static final String ANON_KEY = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @TempDir
    static Path dir;

    private static Testbed testbed;
    private static FakeEngine engine;
    private static ProviderProcess provider;
    private static Map<String, Object> hubInputs;
    private static Map<String, Object> hubOutputs;
    private static final Map<String, String> psk = new LinkedHashMap<>();
    private static final Map<String, Map<String, Object>> nodes = new LinkedHashMap<>();
    private static List<Path> keyDirsBefore;
    private static Path launcher;

    @BeforeAll
    static void start() throws Exception {
        Prerequisites.root("network and mount namespaces, wireguard-go");
        List<String> missing = TestbedPrerequisites.ensure();
        Prerequisites.require(missing.isEmpty(), "testbed prerequisites: " + String.join(", ", missing));
        Path bundle = Assets.defaultBundle();
        Prerequisites.require(Files.isRegularFile(bundle.resolve("portscope-sensor.jar")),
                "the sensor bundle " + bundle + " (build the reactor first: mvn -DskipTests install)");
        Path repo = Path.of(System.getProperty("portscope.repo", ".."));
        launcher = repo.resolve("provisioner/bin/pulumi-resource-portscope");
        Prerequisites.require(Files.isRegularFile(repo.resolve("provisioner/target/portscope-provisioner.jar")),
                "the provisioner's jar (mvn -DskipTests package)");
        Prerequisites.require(Files.isRegularFile(Assets.defaultHubJar()), "the hub's jar " + Assets.defaultHubJar()
                + " (build the reactor first: mvn -DskipTests package)");
        testbed = Testbed.start(Testbed.newPrefix(), TestbedSpec.institution(2));
        keyDirsBefore = keyDirs();
        engine = new FakeEngine();
        provider = ProviderProcess.start(launcher, engine.address(), dir.resolve("provider.stderr"));
        Host hub = testbed.hub();
        hubInputs = Props.map("institution", "pulumi-univ", "overlay", Props.map("ipv4", "10.78.0.0/24"),
                "interface", "wg0", "ssh", ssh(hub, hub.hostKey().openSsh()), "endpoint", hub.address() + ":51820",
                "listenPort", 51820, "enrollmentPort", 8443, "anonymizationKeyId", "pulumi-univ-2026");
    }

    @AfterAll
    static void stop() throws Exception {
        if (provider != null) {
            System.out.println("provider stderr:\n" + provider.stderr());
            provider.close();
        }
        if (engine != null) {
            System.out.println("engine log:\n" + engine.text());
            engine.close();
        }
        if (testbed != null) {
            testbed.close();
        }
    }

    private static Map<String, Object> ssh(Host host, String pin) {
        return Props.map("host", host.address(), "port", 22, "user", "root", "hostKey", pin, "sudo", false);
    }

    private static Map<String, Object> config(String key) {
        return Props.map("sshPrivateKey", new PropertyValues.Secret(key), "bundle", Assets.defaultBundle().toString(),
                "hubJar", Assets.defaultHubJar().toString(), "verifyTimeoutSeconds", 60);
    }

    private static Map<String, Object> nodeInputs(String name, List<String> plugins) {
        Host node = testbed.host(name);
        Map<String, Object> hub = hubReference();
        return Props.map("name", name, "ssh", ssh(node, node.hostKey().fingerprint()), "ports", List.of("20-30", "8080"),
                "sensor", Props.map("interface", "eth0", "plugins", plugins, "metricsPort", 9105), "hub", hub,
                "presharedKey", new PropertyValues.Secret(psk.get(name)),
                "anonymizationKey", new PropertyValues.Secret(ANON_KEY), "anonymizationKeyId", "pulumi-univ-2026");
    }

    private static String urn(String type, String name) {
        return STACK + type + "::" + name;
    }

    @Test
    @Order(1)
    void answersPluginInfoAndRefusesBadConfigNamingTheKey() throws Exception {
        String version = provider.stub().getPluginInfo(Empty.getDefaultInstance()).getVersion();
        assertTrue(version.matches("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?"), version);
        CheckResponse bad = provider.stub().checkConfig(CheckRequest.newBuilder().setUrn(urn("pulumi:providers:portscope", "p"))
                .setNews(Props.struct(Props.map("sshPrivateKey", new PropertyValues.Secret("not a key"), "verifyTimeoutSeconds", 1))).build());
        assertEquals(List.of("sshPrivateKey", "verifyTimeoutSeconds"), bad.getFailuresList().stream().map(f -> f.getProperty()).toList());
        assertFalse(bad.getFailuresList().toString().contains("not a key"), "a check failure shows the secret: " + bad);
        assertEquals("'1' is not valid; expected seconds 5-3600", bad.getFailures(1).getReason());
        String key = Files.readString(testbed.clientKeys().ed25519());
        CheckResponse good = provider.stub().checkConfig(CheckRequest.newBuilder().setUrn(urn("pulumi:providers:portscope", "p"))
                .setNews(Props.struct(config(key))).build());
        assertEquals(0, good.getFailuresCount(), good.toString());
        var configured = provider.stub().configure(ConfigureRequest.newBuilder().setArgs(Props.struct(config(key)))
                .setAcceptSecrets(true).setAcceptResources(true).build());
        assertTrue(configured.getAcceptSecrets());
        assertFalse(configured.getSupportsPreview());
    }

    @Test
    @Order(2)
    void checkNamesEveryWrongPropertyOfANode() {
        Map<String, Object> inputs = Props.map("name", "node 1", "ssh", Props.map("host", "198.18.0.2", "port", 0),
                "hub", hubInputs, "presharedKey", "in plain text");
        CheckResponse check = provider.stub().check(CheckRequest.newBuilder().setUrn(urn("portscope:index:SensorNode", "n"))
                .setNews(Props.struct(inputs)).build());
        assertEquals(List.of("name", "ssh.port", "ssh.hostKey", "hub.publicKey", "presharedKey"),
                check.getFailuresList().stream().map(f -> f.getProperty()).toList(), check.toString());
        assertTrue(check.getFailures(4).getReason().startsWith("must be a secret"), check.toString());
    }

    @Test
    @Order(3)
    void createsTheHubWhoseKeyIsMadeOnTheHub() {
        CreateResponse created = provider.stub().create(CreateRequest.newBuilder().setUrn(urn("portscope:index:Hub", "hub"))
                .setProperties(Props.struct(hubInputs)).build());
        hubOutputs = PropertyValues.decode(created.getProperties());
        String onHub = testbed.hub().exec("sh", "-c", "wg pubkey < /etc/wireguard/wg0.key").requireSuccess().out().strip();
        assertEquals(onHub, hubOutputs.get("publicKey"));
        assertEquals("10.78.0.1", hubOutputs.get("address"));
        assertEquals("running", hubOutputs.get("state"));
        testbed.hub().exec("wg", "show", "wg0").requireSuccess();
        testbed.hub().exec("test", "-f", Layout.HUB_JAR).requireSuccess();
        testbed.hub().exec("test", "-f", Layout.HUB_CONFIG).requireSuccess();
        // Nodes that enroll with a token are told to anonymize under the institution's key id.
        assertEquals("pulumi-univ-2026", enrollmentConfig().get("anonymization-key-id"));
    }

    /** The hub's enrollment API's config, as the hub converge wrote it. */
    private static Map<String, Object> enrollmentConfig() {
        return new org.yaml.snakeyaml.Yaml().load(testbed.hub().exec("cat", Layout.HUB_ENROLLMENT).requireSuccess().out());
    }

    @Test
    @Order(4)
    void makesPresharedKeysThatStaySecret() {
        for (String node : List.of("node1", "node2")) {
            CreateResponse created = provider.stub().create(CreateRequest.newBuilder()
                    .setUrn(urn("portscope:index:PresharedKey", "psk-" + node))
                    .setProperties(Props.struct(Props.map("node", node))).build());
            Object key = PropertyValues.decode(created.getProperties()).get("key");
            psk.put(node, (String) assertInstanceOf(PropertyValues.Secret.class, key).value());
        }
        assertNotEquals(psk.get("node1"), psk.get("node2"));
    }

    @Test
    @Order(5)
    void createsTwoNodesAtOnceIntoTheOverlayWithTheirSensorsRunning() throws Exception {
        CompletableFuture<CreateResponse> one = CompletableFuture.supplyAsync(() -> createNode("node1"));
        CompletableFuture<CreateResponse> two = CompletableFuture.supplyAsync(() -> createNode("node2"));
        for (CreateResponse created : List.of(one.get(), two.get())) {
            Map<String, Object> outputs = PropertyValues.decode(created.getProperties());
            String name = created.getId();
            nodes.put(name, outputs);
            Host node = testbed.host(name);
            String key = node.exec("sh", "-c", "wg pubkey < /etc/wireguard/wg0.key").requireSuccess().out().strip();
            assertEquals(key, outputs.get("publicKey"));
            assertEquals("running", outputs.get("state"));
            assertInstanceOf(PropertyValues.Secret.class, outputs.get("presharedKey"), "the preshared key left the state's secrets");
            assertFalse(created.getProperties().toString().contains(node.exec("cat", "/etc/wireguard/wg0.key").out().strip()),
                    "a private key reached the state");
            testbed.hub().exec("ping", "-c", "1", "-W", "3", (String) outputs.get("address")).requireSuccess();
            node.exec("test", "-s", Layout.SENSOR_PIDFILE).requireSuccess();
        }
        assertNotEquals(nodes.get("node1").get("address"), nodes.get("node2").get("address"));
        // Both reached the hub service's peers file, each with its address, from the provider's state.
        String hubPeers = testbed.hub().exec("cat", Layout.HUB_PEERS).requireSuccess().out();
        for (String name : List.of("node1", "node2")) {
            assertTrue(hubPeers.contains(name) && hubPeers.contains((String) nodes.get(name).get("address")), hubPeers);
            // The institution's key reached the sensor, readable by its user only, and the sensor anonymizes with it.
            Host node = testbed.host(name);
            assertEquals("600 portscope", node.exec("stat", "-c", "%a %U", Layout.ANON_KEY).requireSuccess().out().strip());
            assertEquals(ANON_KEY, node.exec("cat", Layout.ANON_KEY).requireSuccess().out().strip());
            String sensorConfig = node.exec("cat", Layout.SENSOR_CONFIG).requireSuccess().out();
            assertTrue(sensorConfig.contains("anonymize-cryptopan") && sensorConfig.contains("pulumi-univ-2026"), sensorConfig);
        }
        String peers = testbed.hub().exec("wg", "show", "wg0", "peers").requireSuccess().out();
        assertTrue(peers.contains((String) nodes.get("node1").get("publicKey")) && peers.contains((String) nodes.get("node2").get("publicKey")), peers);
        engine.await(l -> l.getMessage().startsWith("node1: verify"), Duration.ofSeconds(5));
    }

    private static CreateResponse createNode(String name) {
        return provider.stub().create(CreateRequest.newBuilder().setUrn(urn("portscope:index:SensorNode", name))
                .setProperties(Props.struct(nodeInputs(name, List.of("capture-pcap", "forward-jsonl")))).build());
    }

    @Test
    @Order(6)
    void diffUpdatesPluginsInPlaceAndReplacesAnotherMachine() {
        Map<String, Object> olds = nodes.get("node1");
        DiffResponse same = diff(olds, nodeInputs("node1", List.of("capture-pcap", "forward-jsonl")));
        assertEquals(DiffResponse.DiffChanges.DIFF_NONE, same.getChanges(), same.toString());
        DiffResponse plugins = diff(olds, nodeInputs("node1", List.of("capture-pcap", "forward-jsonl", "anonymize-cryptopan")));
        assertEquals(DiffResponse.DiffChanges.DIFF_SOME, plugins.getChanges());
        assertEquals(0, plugins.getReplacesCount(), plugins.toString());
        assertEquals(PropertyDiff.Kind.UPDATE, plugins.getDetailedDiffOrThrow("sensor.plugins").getKind());
        Map<String, Object> moved = nodeInputs("node1", List.of("capture-pcap", "forward-jsonl"));
        moved.put("ssh", ssh(testbed.host("node2"), testbed.host("node2").hostKey().fingerprint()));
        DiffResponse replace = diff(olds, moved);
        assertEquals(List.of("ssh"), replace.getReplacesList());
        assertEquals(PropertyDiff.Kind.UPDATE_REPLACE, replace.getDetailedDiffOrThrow("ssh.host").getKind());
        assertTrue(replace.getDeleteBeforeReplace(), "the old node must leave the hub before its name is used again");
    }

    private static DiffResponse diff(Map<String, Object> olds, Map<String, Object> news) {
        return provider.stub().diff(DiffRequest.newBuilder().setUrn(urn("portscope:index:SensorNode", "node1")).setId("node1")
                .setOlds(Props.struct(olds)).setNews(Props.struct(news)).build());
    }

    @Test
    @Order(7)
    void updateInstallsTheNewPluginAndKeepsTheAddress() {
        UpdateResponse updated = provider.stub().update(UpdateRequest.newBuilder().setUrn(urn("portscope:index:SensorNode", "node1"))
                .setId("node1").setOlds(Props.struct(nodes.get("node1")))
                .setNews(Props.struct(nodeInputs("node1", List.of("capture-pcap", "forward-jsonl", "anonymize-cryptopan")))).build());
        Map<String, Object> outputs = PropertyValues.decode(updated.getProperties());
        assertEquals(nodes.get("node1").get("address"), outputs.get("address"));
        assertEquals(nodes.get("node1").get("publicKey"), outputs.get("publicKey"));
        testbed.host("node1").exec("test", "-f", Layout.PLUGINS + "/anonymize-cryptopan.jar").requireSuccess();
        nodes.put("node1", outputs);
    }

    @Test
    @Order(8)
    void readReportsDriftAndTheNextUpdateRepairsIt() {
        assertEquals("running", read("node1").get("state"));
        // Drift: the sensor's supervisor is stopped behind the provider's back.
        Host node1 = testbed.host("node1");
        node1.exec("sh", "-c", "kill $(cat " + Layout.SENSOR_PIDFILE + ") && while [ -e " + Layout.SENSOR_PIDFILE
                + " ] && kill -0 $(cat " + Layout.SENSOR_PIDFILE + ") 2>/dev/null; do sleep 0.1; done").requireSuccess();
        Map<String, Object> refreshed = read("node1");
        assertTrue(String.valueOf(refreshed.get("state")).startsWith("degraded:"), String.valueOf(refreshed.get("state")));
        DiffResponse diff = diff(refreshed, nodeInputs("node1", List.of("capture-pcap", "forward-jsonl", "anonymize-cryptopan")));
        assertEquals(DiffResponse.DiffChanges.DIFF_SOME, diff.getChanges(), diff.toString());
        assertEquals(List.of("state"), diff.getDiffsList());
        UpdateResponse repaired = provider.stub().update(UpdateRequest.newBuilder().setUrn(urn("portscope:index:SensorNode", "node1"))
                .setId("node1").setOlds(Props.struct(refreshed))
                .setNews(Props.struct(nodeInputs("node1", List.of("capture-pcap", "forward-jsonl", "anonymize-cryptopan")))).build());
        assertEquals("running", PropertyValues.decode(repaired.getProperties()).get("state"));
        assertEquals("running", read("node1").get("state"));
    }

    private static Map<String, Object> read(String name) {
        ReadResponse read = provider.stub().read(ReadRequest.newBuilder().setUrn(urn("portscope:index:SensorNode", name))
                .setId(name).setProperties(Props.struct(nodes.get(name))).build());
        return read.getId().isEmpty() ? null : PropertyValues.decode(read.getProperties());
    }

    @Test
    @Order(9)
    void deleteOffboardsTheNodeAndLeavesTheOtherConnected() {
        provider.stub().delete(DeleteRequest.newBuilder().setUrn(urn("portscope:index:SensorNode", "node1")).setId("node1")
                .setProperties(Props.struct(nodes.get("node1"))).build());
        Host node1 = testbed.host("node1");
        String peers = testbed.hub().exec("wg", "show", "wg0", "peers").requireSuccess().out();
        assertFalse(peers.contains((String) nodes.get("node1").get("publicKey")), peers);
        assertTrue(peers.contains((String) nodes.get("node2").get("publicKey")), peers);
        for (String path : List.of(Layout.INSTALL_DIR, Layout.CONFIG_DIR, "/etc/wireguard/wg0.conf", "/etc/wireguard/wg0.key")) {
            assertFalse(node1.exec("test", "-e", path).succeeded(), path + " is left on node1");
        }
        assertFalse(node1.exec("ip", "link", "show", "wg0").succeeded(), "wg0 is left on node1");
        testbed.hub().exec("ping", "-c", "1", "-W", "3", (String) nodes.get("node2").get("address")).requireSuccess();
        assertEquals(null, read("node1"), "refresh still finds the deleted node");
    }

    @Test
    @Order(10)
    void enrollmentTokensAreRegisteredOnTheHubByHashKeepTheirUsesOnUpdateAndAreRevokedOnDelete() throws Exception {
        Map<String, Object> inputs = tokenInputs("pulumi-univ-token-1", 2, "1d");
        CreateResponse created = createToken("t1", inputs);
        Map<String, Object> outputs = PropertyValues.decode(created.getProperties());
        String token = (String) assertInstanceOf(PropertyValues.Secret.class, outputs.get("token")).value();
        org.portscope.provisioner.enroll.EnrollToken parsed = org.portscope.provisioner.enroll.EnrollToken.parse(token);
        String secret = parsed.secret();
        String path = TokenRecord.path(created.getId());
        String record = testbed.hub().exec("cat", path).requireSuccess().out();
        assertTrue(record.contains(TokenRecord.sha256(secret)), record);
        assertFalse(record.contains(secret), "the hub holds the token's secret: " + record);
        assertTrue(record.contains("\"uses\" : 2"), record);
        assertEquals("600 " + Layout.HUB_USER, testbed.hub().exec("stat", "-c", "%a %U", path).out().strip());
        // the token pins the certificate the hub's enrollment API presents
        String pem = testbed.hub().exec("cat", Layout.HUB_TLS_CERT).requireSuccess().out();
        java.security.cert.X509Certificate cert = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory
                .getInstance("X.509").generateCertificate(new java.io.ByteArrayInputStream(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertEquals(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(java.security.MessageDigest
                .getInstance("SHA-256").digest(cert.getPublicKey().getEncoded())), parsed.pin());

        // A node used the token once (as the hub counts it); a new number of uses must not reset that.
        testbed.hub().exec("sed", "-i", "s/\"uses\" : 2/\"uses\" : 2, \"used\" : 1/", path).requireSuccess();
        Map<String, Object> more = new LinkedHashMap<>(inputs);
        more.put("uses", 3);
        provider.stub().update(UpdateRequest.newBuilder().setUrn(urn("portscope:index:EnrollmentToken", "t1")).setId(created.getId())
                .setOlds(created.getProperties()).setNews(Props.struct(more)).build());
        String updated = testbed.hub().exec("cat", path).requireSuccess().out();
        assertTrue(updated.contains("\"uses\" : 3") && updated.contains("\"used\" : 1"), updated);

        provider.stub().delete(DeleteRequest.newBuilder().setUrn(urn("portscope:index:EnrollmentToken", "t1")).setId(created.getId())
                .setProperties(created.getProperties()).build());
        assertFalse(testbed.hub().exec("test", "-e", path).succeeded(), "the token is still on the hub");
    }

    @Test
    @Order(10)
    void aNewAnonymizationKeyIdUpdatesTheHubInPlaceAndReachesItsEnrollmentConfig() {
        Map<String, Object> news = new LinkedHashMap<>(hubInputs);
        news.put("anonymizationKeyId", "pulumi-univ-2027");
        DiffResponse diff = provider.stub().diff(DiffRequest.newBuilder().setUrn(urn("portscope:index:Hub", "hub")).setId("hub")
                .setOlds(Props.struct(hubOutputs)).setNews(Props.struct(news)).build());
        assertEquals(DiffResponse.DiffChanges.DIFF_SOME, diff.getChanges(), diff.toString());
        assertEquals(0, diff.getReplacesCount(), diff.toString());
        assertEquals(PropertyDiff.Kind.UPDATE, diff.getDetailedDiffOrThrow("anonymizationKeyId").getKind());
        UpdateResponse updated = provider.stub().update(UpdateRequest.newBuilder().setUrn(urn("portscope:index:Hub", "hub"))
                .setId("hub").setOlds(Props.struct(hubOutputs)).setNews(Props.struct(news)).build());
        Map<String, Object> outputs = PropertyValues.decode(updated.getProperties());
        assertEquals("running", outputs.get("state"));
        assertEquals("pulumi-univ-2027", outputs.get("anonymizationKeyId"));
        assertEquals(hubOutputs.get("publicKey"), outputs.get("publicKey"), "an update keeps the hub's key");
        assertEquals("pulumi-univ-2027", enrollmentConfig().get("anonymization-key-id"));
        hubOutputs = outputs;
    }

    /** The hub as the program's nodes and tokens name it: its inputs but the key id, and its public key. */
    private static Map<String, Object> hubReference() {
        Map<String, Object> hub = new LinkedHashMap<>(hubInputs);
        hub.remove("anonymizationKeyId");
        hub.put("publicKey", hubOutputs.get("publicKey"));
        return hub;
    }

    /** A token's inputs, naming the hub as the program does. */
    private static Map<String, Object> tokenInputs(String name, int uses, String ttl) {
        Map<String, Object> hub = hubReference();
        return Props.map("hub", hub, "name", name, "uses", uses, "ttl", ttl);
    }

    private static CreateResponse createToken(String resource, Map<String, Object> inputs) {
        return provider.stub().create(CreateRequest.newBuilder().setUrn(urn("portscope:index:EnrollmentToken", resource))
                .setProperties(Props.struct(inputs)).build());
    }

    @Test
    @Order(10)
    void aRefreshOfTheHubListsTheNodesThatEnrolledThemselves() {
        // A record as the hub's enrollment API writes it when a node enrolls.
        String record = "{\"version\":1,\"name\":\"lab-9\",\"institution\":\"pulumi-univ\",\"address\":\"10.78.0.254\","
                + "\"publicKey\":\"" + "A".repeat(43) + "=\",\"presharedKey\":\"" + "B".repeat(43) + "=\","
                + "\"tokenId\":\"0011223344556677\",\"enrolledAt\":\"2026-11-26T12:00:00Z\",\"facts\":{}}";
        testbed.hub().exec(Duration.ofSeconds(10), record, List.of("sh", "-c", "mkdir -p " + Layout.HUB_ENROLLED
                + " && cat > " + Layout.HUB_ENROLLED + "/lab-9.json")).requireSuccess();
        try {
            ReadResponse read = provider.stub().read(ReadRequest.newBuilder().setUrn(urn("portscope:index:Hub", "hub"))
                    .setId("hub").setProperties(Props.struct(hubOutputs)).build());
            assertEquals(List.of(Map.of("name", "lab-9", "address", "10.78.0.254", "tokenId", "0011223344556677",
                    "enrolledAt", "2026-11-26T12:00:00Z")), PropertyValues.decode(read.getProperties()).get("enrolledNodes"));
        } finally {
            testbed.hub().exec("rm", "-f", Layout.HUB_ENROLLED + "/lab-9.json").requireSuccess();
        }
        // The hub service may have published it meanwhile: revoked on disk, it leaves the peers again.
        awaitPeerGone("10.78.0.254");
    }

    @Test
    @Order(11)
    void aNodeThatFailsComesBackAsAnErrorNamingTheNodeAndTheStep() throws Exception {
        // node1's address, with node2's host key pinned: the connect step must refuse it.
        Map<String, Object> inputs = nodeInputs("node1", List.of("capture-pcap", "forward-jsonl"));
        inputs.put("ssh", ssh(testbed.host("node1"), testbed.host("node2").hostKey().fingerprint()));
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> provider.stub().create(CreateRequest.newBuilder()
                .setUrn(urn("portscope:index:SensorNode", "node1")).setProperties(Props.struct(inputs)).build()));
        String message = e.getStatus().getDescription();
        assertTrue(message.startsWith("node1: step 'connect' failed: "), message);
        assertTrue(message.contains(testbed.host("node2").hostKey().fingerprint()), message);
        // Nothing was changed on node1, so the engine is not told a half-made resource exists.
        assertTrue(StatusProto.fromThrowable(e).getDetailsList().isEmpty(), e.toString());
        engine.await(l -> l.getMessage().startsWith("node1: step 'connect' failed (") && l.getUrn().endsWith("::node1"),
                Duration.ofSeconds(5));
    }

    @Test
    @Order(12)
    void aCreateThatFailsHalfWayIsKeptWithWhatItDidAndDeleteCleansItUp() throws Exception {
        String key = Files.readString(testbed.clientKeys().ed25519());
        Map<String, Object> quick = config(key);
        quick.put("verifyTimeoutSeconds", 5);
        provider.stub().configure(ConfigureRequest.newBuilder().setArgs(Props.struct(quick)).setAcceptSecrets(true).build());
        try {
            // A capture interface the node does not have: the sensor never gets healthy, verify fails.
            Map<String, Object> inputs = nodeInputs("node1", List.of("capture-pcap", "forward-jsonl"));
            inputs.put("sensor", Props.map("interface", "nosuch0", "plugins", List.of("capture-pcap", "forward-jsonl"), "metricsPort", 9105));
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> provider.stub().create(CreateRequest.newBuilder()
                    .setUrn(urn("portscope:index:SensorNode", "node1")).setProperties(Props.struct(inputs)).build()));
            assertTrue(e.getStatus().getDescription().startsWith("node1: step 'verify' failed: "), e.getStatus().getDescription());
            ErrorResourceInitFailed partial = StatusProto.fromThrowable(e).getDetails(0).unpack(ErrorResourceInitFailed.class);
            assertEquals("node1", partial.getId());
            Map<String, Object> outputs = PropertyValues.decode(partial.getProperties());
            assertEquals("failed", outputs.get("state"));
            String peers = testbed.hub().exec("wg", "show", "wg0", "peers").requireSuccess().out();
            assertTrue(peers.contains((String) outputs.get("publicKey")), "the half-made node is not a peer: " + peers);
            provider.stub().delete(DeleteRequest.newBuilder().setUrn(urn("portscope:index:SensorNode", "node1")).setId("node1")
                    .setProperties(partial.getProperties()).build());
            assertFalse(testbed.hub().exec("wg", "show", "wg0", "peers").requireSuccess().out().contains((String) outputs.get("publicKey")));
            assertFalse(testbed.host("node1").exec("test", "-e", Layout.INSTALL_DIR).succeeded(), "node1 was not cleaned up");
        } finally {
            provider.stub().configure(ConfigureRequest.newBuilder().setArgs(Props.struct(config(key))).setAcceptSecrets(true).build());
        }
    }

    @Test
    @Order(14)
    void cancelStopsAnUpdateInFlight() throws Exception {
        // The hub cannot reach node2's sensor over the overlay any more: verify waits (up to a minute).
        String address = (String) nodes.get("node2").get("address");
        testbed.hub().exec("ip", "route", "add", "blackhole", address + "/32").requireSuccess();
        try {
            int before = engine.logs().size();
            CompletableFuture<UpdateResponse> update = CompletableFuture.supplyAsync(() -> provider.stub().update(
                    UpdateRequest.newBuilder().setUrn(urn("portscope:index:SensorNode", "node2")).setId("node2")
                            .setOlds(Props.struct(nodes.get("node2")))
                            .setNews(Props.struct(nodeInputs("node2", List.of("capture-pcap", "forward-jsonl")))).build()));
            engine.await(l -> l.getMessage().equals("node2: verify ..."), Duration.ofSeconds(60), before);
            long cancelled = System.nanoTime();
            provider.stub().cancel(Empty.getDefaultInstance());
            var failure = assertThrows(java.util.concurrent.ExecutionException.class, update::get);
            long took = (System.nanoTime() - cancelled) / 1_000_000;
            StatusRuntimeException e = assertInstanceOf(StatusRuntimeException.class, failure.getCause());
            assertTrue(e.getStatus().getDescription().contains("cancelled"), e.getStatus().getDescription());
            assertTrue(took < 10_000, "cancel took " + took + " ms");
            System.out.println("cancel to error: " + took + " ms");
        } finally {
            testbed.hub().exec("ip", "route", "del", "blackhole", address + "/32");
        }
    }

    @Test
    @Order(13)
    void theStacksTokenOneLinerAsksForTheKeyOfTheHubsKeyId() throws Exception {
        // Enrolling itself needs the enroll plugin, built after this module: EnrollmentIT and DemoIT
        // (plugins/enroll) enroll nodes into anonymizing hubs; here, what the Pulumi-made hub says.
        CreateResponse created = createToken("t9", tokenInputs("pulumi-univ-token-9", 1, "1h"));
        Map<String, Object> outputs = PropertyValues.decode(created.getProperties());
        Host node = testbed.host("node1");
        String keyId = (String) hubOutputs.get("anonymizationKeyId");
        tokenCreateSaysTheNodeNeedsTheKey(keyId);
        String sha = testbed.hub().exec("sha256sum", NodeBundle.ON_HUB).requireSuccess().out().substring(0, 64);
        IssuedToken token = new IssuedToken((String) ((PropertyValues.Secret) outputs.get("token")).value(), created.getId(),
                java.time.Instant.parse((String) outputs.get("expiresAt")), testbed.hub().address(), 8443, sha, keyId);
        String line = Bootstrap.shellOneLiner(token) + "\n";
        List<String> sh = List.of("env", "-i", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "sh");
        try {
            var refused = node.exec(Duration.ofSeconds(30), line, sh);
            assertEquals(1, refused.exit(), refused.err());
            assertTrue(refused.err().contains("(key id " + keyId + "): put its Crypto-PAn key in " + Bootstrap.ANON_KEY_FILE),
                    refused.err());
            assertTrue(node.exec("test", "-e", "/etc/portscope/enrollment.json").exit() != 0, "refused before enrolling");
        } finally {
            provider.stub().delete(DeleteRequest.newBuilder().setUrn(urn("portscope:index:EnrollmentToken", "t9"))
                    .setId(created.getId()).setProperties(created.getProperties()).build());
        }
    }

    /**
     * {@code portscope token create} on an inventory an operator writes for the Pulumi-made hub,
     * naming no key: what the hub's own config says decides, so the one-liner asks for the key.
     */
    private static void tokenCreateSaysTheNodeNeedsTheKey(String keyId) throws Exception {
        Host hub = testbed.hub();
        Path inventory = dir.resolve("pulumi-hub.yaml");
        Files.writeString(inventory, "institution: pulumi-univ\noverlay: {ipv4: 10.78.0.0/24}\nhub:\n  ssh: {host: " + hub.address()
                + ", key: " + testbed.clientKeys().ed25519() + ", host-key: \"" + hub.hostKey().openSsh() + "\"}\n  endpoint: "
                + hub.address() + ":51820\n  enrollment-port: 8443\n");
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        int exit = org.portscope.provisioner.cli.Main.run(List.of("token", "create", "--inventory", inventory.toString(),
                "--name", "cli"), new org.portscope.provisioner.cli.Io(java.io.InputStream.nullInputStream(),
                new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8), null));
        String printed = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        String said = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, exit, said);
        assertTrue(said.contains("anonymize under key id " + keyId + ": put the institution's Crypto-PAn key in "
                + Bootstrap.ANON_KEY_FILE), said);
        String oneLiner = printed.substring(printed.indexOf("# shell one-liner")).lines().skip(1).findFirst().orElseThrow();
        assertTrue(oneLiner.endsWith(" --anon-key-file " + Bootstrap.ANON_KEY_FILE + ")"), oneLiner);
        assertTrue(printed.contains("# This institution anonymizes addresses (key id " + keyId + ")"), "cloud-init says it too");
        String id = said.substring("token ".length(), said.indexOf(' ', "token ".length()));
        assertTrue(org.portscope.provisioner.enroll.EnrollmentTokens.revoke(
                org.portscope.provisioner.onboard.inventory.InventoryLoader.load(inventory), id), "token " + id + " was not on the hub");
    }

    /** The hub service publishes a revoked node's removal within seconds, and root applies it. */
    private static void awaitPeerGone(String address) {
        org.portscope.provisioner.demo.Await.until("the revoked peer " + address + " leaves the hub", Duration.ofSeconds(20),
                () -> !testbed.hub().exec("sh", "-c", "grep -qF " + address + " " + Layout.HUB_ENROLLED_PEERS
                        + " || wg show wg0 allowed-ips | grep -qF " + address + "/").succeeded(),
                () -> testbed.hub().exec("wg", "show", "wg0", "allowed-ips").out());
    }

    @Test
    @Order(15)
    void destroyFromAFreshProviderOffboardsTheLastNodeThenTearsDownTheHub() throws Exception {
        // The engine starts a new provider for `pulumi destroy`; this one learns the hub's peers from the hub.
        provider.close();
        provider = ProviderProcess.start(launcher, engine.address(), dir.resolve("provider2.stderr"));
        String key = Files.readString(testbed.clientKeys().ed25519());
        provider.stub().configure(ConfigureRequest.newBuilder().setArgs(Props.struct(config(key))).setAcceptSecrets(true).build());
        ReadResponse hubRead = provider.stub().read(ReadRequest.newBuilder().setUrn(urn("portscope:index:Hub", "hub"))
                .setId("hub").setProperties(Props.struct(hubOutputs)).build());
        assertEquals("running", PropertyValues.decode(hubRead.getProperties()).get("state"));
        assertEquals("running", read("node2").get("state"), "a fresh provider does not see node2 as the hub does");
        provider.stub().delete(DeleteRequest.newBuilder().setUrn(urn("portscope:index:SensorNode", "node2")).setId("node2")
                .setProperties(Props.struct(nodes.get("node2"))).build());
        assertEquals("", testbed.hub().exec("wg", "show", "wg0", "peers").requireSuccess().out().strip(), "peers left on the hub");
        provider.stub().delete(DeleteRequest.newBuilder().setUrn(urn("portscope:index:Hub", "hub")).setId(hubRead.getId())
                .setProperties(hubRead.getProperties()).build());
        Host hub = testbed.hub();
        assertFalse(hub.exec("ip", "link", "show", "wg0").succeeded(), "wg0 is left on the hub");
        for (String path : List.of(Layout.INSTALL_DIR, Layout.CONFIG_DIR, "/etc/wireguard/wg0.conf", "/etc/wireguard/wg0.key",
                Layout.HUB_INSTALL_DIR, Layout.HUB_CONFIG_DIR)) {
            assertFalse(hub.exec("test", "-e", path).succeeded(), path + " is left on the hub");
        }
        ReadResponse gone = provider.stub().read(ReadRequest.newBuilder().setUrn(urn("portscope:index:Hub", "hub"))
                .setId("hub").setProperties(hubRead.getProperties()).build());
        assertEquals("", gone.getId(), "refresh still finds the hub");
    }

    @Test
    @Order(16)
    void theSshKeyIsAPrivateFileThatGoesWithTheProvider() throws Exception {
        List<Path> ours = keyDirs().stream().filter(d -> !keyDirsBefore.contains(d)).toList();
        assertEquals(1, ours.size(), "key folders of this provider: " + ours);
        Path dir = ours.get(0);
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("ssh-key"))));
        provider.close();
        assertFalse(Files.exists(dir), dir + " is left after the provider ended");
    }

    /** The provider's private key folders (on /dev/shm here). */
    private static List<Path> keyDirs() throws java.io.IOException {
        try (var dirs = Files.list(Path.of("/dev/shm"))) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("portscope-provider-")).toList();
        }
    }
}
