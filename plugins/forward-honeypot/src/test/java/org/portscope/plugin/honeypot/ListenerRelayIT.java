package org.portscope.plugin.honeypot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Listener mode end to end on three namespaces: the built sensor runs on the node with
 * capture-listener and forward-honeypot; real curl and ssh clients on the attacker reach a honeypot
 * behind the node through one TPROXY listener; a real service inside the assigned range still
 * answers itself; a bounded flood from one source hits the per-source limit while that service
 * keeps answering; every session is an observation with its first bytes; stopping the sensor
 * removes its nftables table. A second sensor on the same node runs the listener in bind mode (one
 * socket per port) on another range: in both modes a SYN probe, backscatter and an ACK scan to the
 * range are recorded as on any closed port, a real service's port in the range is not, and of a
 * relayed connection only the SYN is an observation of its own.
 */
class ListenerRelayIT {
  private static final Path REPO = Path.of("../..").toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Namespaces hosts;
  private static Path dir;
  private static Process sensor;
  /** The listener in mode bind, on 10200-10300 (its service on 10250), writing obs-bind.jsonl. */
  private static Process bindSensor;
  private static final List<Process> daemons = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    Namespaces.require("root".equals(System.getProperty("user.name")), "root (network namespaces, nftables)");
    for (String[] t : new String[][] {{"ip", "iproute2"}, {"nft", "nftables"}, {"curl", "curl"},
        {"ssh", "openssh-client"}, {"python3", "python3"}, {"nc", "netcat-openbsd"}, {"hping3", "hping3"}}) {
      Namespaces.requireTool(t[0], t[1]);
    }
    Path bundle = REPO.resolve("target/sensor-bundle");
    Namespaces.require(Files.exists(bundle.resolve("plugins/capture-listener.jar")),
        "the sensor bundle in " + bundle + " (mvn package builds it)");
    dir = Files.createTempDirectory("listener-relay-it");
    hosts = new Namespaces();
    hosts.create();
    Path honeypot = dir.resolve("honeypot.py");
    try (InputStream in = ListenerRelayIT.class.getResourceAsStream("/proxy_v2_honeypot.py")) {
      Files.copy(in, honeypot);
    }
    daemons.add(daemon(hosts.honeypot, "python3", honeypot.toString(), "2222", dir.resolve("honeypot.jsonl").toString()));
    daemons.add(daemon(hosts.node, "python3", "-m", "http.server", "10050", "--bind", "0.0.0.0"));
    sensor = startSensor("sensor", "obs.jsonl",
        "metrics: {listen: 127.0.0.1:9105}",
        "listener: {plugin: capture-listener, ports: [10000-10100]}",
        "relay: {plugin: forward-honeypot, honeypot: \"198.51.100.2:2222\", max-connections-per-source: 4,"
            + " idle-timeout: 5s}");
    Namespaces.await("the sensor capturing (" + dir.resolve("sensor.log") + ")",
        () -> log("sensor.log").contains("capturing on"));
    Namespaces.await("the service on 10050", () -> attacker("curl", "-sf", "-m", "2", "http://192.0.2.1:10050/") == 0);
    startBindSensor();
  }

  /** The service on 10250 answers before the sensor starts, so the listener leaves its port alone. */
  private static void startBindSensor() throws Exception {
    daemons.add(daemon(hosts.node, "python3", "-m", "http.server", "10250", "--bind", "0.0.0.0"));
    Namespaces.await("the service on 10250", () -> attacker("curl", "-sf", "-m", "2", "http://192.0.2.1:10250/") == 0);
    bindSensor = startSensor("sensor-bind", "obs-bind.jsonl",
        "listener: {plugin: capture-listener, ports: [10200-10300], mode: bind}",
        "relay: {plugin: forward-honeypot, honeypot: \"198.51.100.2:2222\", idle-timeout: 5s}");
    Namespaces.await("the bind-mode sensor capturing and listening (" + dir.resolve("sensor-bind.log") + ")",
        () -> log("sensor-bind.log").contains("capturing on") && log("sensor-bind.log").contains("one per port"));
  }

  /**
   * Starts the built sensor on the node with config {@code name.yaml}, log {@code name.log} and
   * state folder {@code name-state}: capture on the attacker's side, identity, observations to
   * {@code obs}, and the {@code sections} given.
   */
  private static Process startSensor(String name, String obs, String... sections) throws IOException {
    List<String> config = new ArrayList<>(List.of("node: node-1",
        "capture: {plugin: capture-pcap, interface: " + hosts.nodeInterface() + "}",
        "anonymize: {plugin: identity}",
        "forward: [{plugin: forward-jsonl, path: " + dir.resolve(obs) + "}]"));
    config.addAll(List.of(sections));
    Files.writeString(dir.resolve(name + ".yaml"), String.join("\n", config) + "\n");
    return new ProcessBuilder("ip", "netns", "exec", hosts.node, REPO.resolve("bin/portscope-sensor").toString(),
        "run", "--config", dir.resolve(name + ".yaml").toString(), "--state", dir.resolve(name + "-state").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
  }

  @AfterAll
  static void stop() throws Exception {
    boolean tableGone = true;
    if (bindSensor != null) {
      bindSensor.destroy();
      bindSensor.waitFor(30, TimeUnit.SECONDS);
    }
    if (sensor != null) {
      sensor.destroy(); // SIGTERM: the sensor stops, reports open sessions and removes its table
      sensor.waitFor(30, TimeUnit.SECONDS);
      tableGone = !output(hosts.node, "nft", "list", "tables").contains("portscope_listener");
    }
    daemons.forEach(Process::destroyForcibly);
    if (hosts != null) {
      hosts.close();
    }
    assertTrue(tableGone, "the sensor's nftables table outlived it");
  }

  private static Process daemon(String ns, String... command) throws IOException {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    full.addAll(List.of(command));
    return new ProcessBuilder(full).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("daemons.log").toFile())).start();
  }

  private static String log(String name) {
    try {
      return Files.exists(dir.resolve(name)) ? Files.readString(dir.resolve(name)) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static int attacker(String... command) {
    try {
      return Namespaces.exit(dir.resolve("attacker.log"), hosts.attacker, command);
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String output(String ns, String... command) throws Exception {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    full.addAll(List.of(command));
    return Namespaces.run(full.toArray(String[]::new));
  }

  private static List<JsonNode> lines(String name) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : log(name).split("\n")) {
      if (!line.isBlank()) {
        out.add(JSON.readTree(line));
      }
    }
    return out;
  }

  @Test
  void curlAndSshReachTheHoneypotAndTheServiceStillAnswersItself() throws Exception {
    String viaRelay = output(hosts.attacker, "curl", "-s", "-m", "5", "http://192.0.2.1:10080/");
    assertEquals("honeypot\n", viaRelay, "curl on an assigned port gets the honeypot's answer");
    String direct = output(hosts.attacker, "curl", "-s", "-m", "5", "http://192.0.2.1:10050/");
    assertTrue(direct.contains("Directory listing"), "the node's own service answers itself: " + direct);
    attacker("ssh", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o",
        "BatchMode=yes", "-o", "ConnectTimeout=5", "-p", "10022", "root@192.0.2.1", "true");

    Namespaces.await("two connections at the honeypot", () -> log("honeypot.jsonl").lines().count() >= 2);
    JsonNode http = find(lines("honeypot.jsonl"), "dport", 10080);
    assertEquals("192.0.2.2", http.get("src").asText(), "PROXY v2 carries the source (identity policy)");
    assertEquals("node-1", http.get("tlv").get("0xe0").asText(), "node TLV");
    assertEquals("identity", http.get("tlv").get("0xe1").asText(), "anonymization key id TLV");
    assertTrue(http.get("first").asText().startsWith("GET / HTTP/1.1"), http.toString());
    assertTrue(find(lines("honeypot.jsonl"), "dport", 10022).get("first").asText().startsWith("SSH-2.0-OpenSSH"));

    Namespaces.await("both sessions observed", () -> log("obs.jsonl").contains("\"app\":\"ssh\""));
    JsonNode httpSession = session(10080);
    assertEquals("curl", httpSession.get("tool").asText());
    assertEquals("http", httpSession.get("session").get("app").asText());
    String first = new String(Base64.getDecoder().decode(httpSession.get("session").get("first").asText()),
        StandardCharsets.ISO_8859_1);
    assertTrue(first.contains("User-Agent: curl/"), first);
    assertTrue(httpSession.get("session").get("bytesOut").asLong() > 0, "the honeypot's answer is counted");
    assertEquals("openssh", session(10022).get("tool").asText());
    assertTrue(lines("obs.jsonl").stream().noneMatch(o -> o.has("session") && o.get("dport").asInt() == 10050),
        "the real service's connections are never relayed");
  }

  @Test
  void aFloodFromOneSourceHitsThePerSourceLimitAndTheServiceKeepsAnswering() throws Exception {
    int flood = 40;
    List<Process> held = new ArrayList<>();
    for (int i = 0; i < flood; i++) {
      held.add(new ProcessBuilder("ip", "netns", "exec", hosts.attacker, "sh", "-c",
          "sleep 10 | nc -w 10 192.0.2.1 10081").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
    }
    Namespaces.await("the per-source limit hit", () -> limitHits() >= flood - 4 - 4);
    // The flood's connections are held for 10 s, longer than curl waits (5 s): any answer comes
    // while they are. How fast it comes is a figure for a benchmark, not a test on a busy machine.
    String direct = output(hosts.attacker, "curl", "-s", "-m", "5", "http://192.0.2.1:10050/");
    assertTrue(direct.contains("Directory listing"), "the service answers during the flood");
    for (Process p : held) {
      p.waitFor(30, TimeUnit.SECONDS);
    }
    Namespaces.await("refused sessions observed", () -> log("obs.jsonl").contains("limit:connections-per-source"));
  }

  private static long limitHits() {
    try {
      String metrics = output(hosts.node, "curl", "-s", "http://127.0.0.1:9105/metrics");
      return metrics.lines().filter(l -> l.startsWith("portscope_relay_limit_total{limit=\"connections-per-source\"}"))
          .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1).trim())).sum();
    } catch (Exception e) {
      return -1;
    }
  }

  private static JsonNode session(int port) throws IOException {
    return lines("obs.jsonl").stream().filter(o -> o.has("session") && o.get("dport").asInt() == port)
        .findFirst().orElseThrow(() -> new AssertionError("no session to " + port + " in " + log("obs.jsonl")));
  }

  private static JsonNode find(List<JsonNode> rows, String key, int value) {
    return rows.stream().filter(r -> r.get(key).asInt() == value).findFirst()
        .orElseThrow(() -> new AssertionError("no row with " + key + " " + value + " in " + rows));
  }

  @Test
  void withTproxyProbesAndBackscatterToTheRangeAreRecordedAndAConnectionIsASession() throws Exception {
    probesAndBackscatterAreRecordedAConnectionIsASession("obs.jsonl", 10_000);
  }

  @Test
  void inBindModeProbesAndBackscatterToTheRangeAreRecordedAndAConnectionIsASession() throws Exception {
    assertTrue(log("sensor-bind.log").contains("1 in use by services"), log("sensor-bind.log"));
    probesAndBackscatterAreRecordedAConnectionIsASession("obs-bind.jsonl", 10_200);
  }

  /**
   * A relayed connection to base+83 (a port no other test connects to), then from other source
   * ports: a SYN to the service on base+50, a SYN probe to base+90, a SYN-ACK (backscatter) to base+91 and an ACK scan of base+92. One
   * pipeline thread handles the capture in order, so once the last is written the others are too.
   */
  private static void probesAndBackscatterAreRecordedAConnectionIsASession(String obs, int base) throws Exception {
    int connected = base + 83;
    String viaRelay = output(hosts.attacker, "curl", "-s", "-m", "5", "http://192.0.2.1:" + connected + "/");
    assertEquals("honeypot\n", viaRelay, "curl on " + connected + " gets the honeypot's answer");
    Namespaces.await("the session to " + connected + " in " + obs, () -> observations(obs, connected).stream()
        .anyMatch(o -> o.has("session")));
    hping(base + 50, "-S");
    hping(base + 90, "-S");
    hping(base + 91, "-S", "-A");
    hping(base + 92, "-A");
    Namespaces.await("the ACK scan of " + (base + 92) + " in " + obs, () -> !observations(obs, base + 92).isEmpty());

    List<JsonNode> packets = observations(obs, connected).stream().filter(o -> !o.has("session")).toList();
    assertTrue(!packets.isEmpty() && packets.stream().allMatch(o -> o.get("flags").asText().equals("S")),
        "of the relayed connection only its SYN is an observation of its own: " + packets);
    assertEquals(List.of(), observations(obs, base + 50), "a real service's port in the range is open");
    assertPacket(obs, base + 90, "S", "probe");
    assertPacket(obs, base + 91, "SA", "backscatter");
    assertPacket(obs, base + 92, "A", "other");
  }

  private static void assertPacket(String obs, int port, String flags, String kind) {
    List<JsonNode> seen = observations(obs, port);
    assertEquals(1, seen.size(), "one observation to " + port + ": " + seen);
    assertEquals(flags, seen.get(0).get("flags").asText(), seen.toString());
    assertEquals(kind, seen.get(0).get("kind").asText(), seen.toString());
  }

  /** One packet from the attacker's port 80 (hping3 -c 1 with these flags) to the node's {@code port}; each draws an answer. */
  private static void hping(int port, String... flags) {
    List<String> command = new ArrayList<>(List.of("timeout", "10", "hping3", "-q", "-c", "1", "-s", "80",
        "-p", String.valueOf(port)));
    command.addAll(List.of(flags));
    command.add("192.0.2.1");
    assertEquals(0, attacker(command.toArray(String[]::new)), "hping3 to " + port + " got no answer (attacker.log)");
  }

  private static List<JsonNode> observations(String obs, int port) {
    try {
      return lines(obs).stream().filter(o -> o.get("dport").asInt() == port).toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theSensorOwnsOneNftablesTableWhileItRuns() throws Exception {
    assertTrue(output(hosts.node, "nft", "list", "tables").contains("portscope_listener"));
  }
}
