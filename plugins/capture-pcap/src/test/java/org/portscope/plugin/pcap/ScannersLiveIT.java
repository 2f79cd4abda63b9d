package org.portscope.plugin.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole sensor, live, against real scanners: the built sensor bundle runs as its own process in
 * one namespace of a veth pair, real nmap, zmap, masscan and hping3 run in the other, and tcpdump
 * records the same interface. Each scanner gets its own port range, so the sensor's observations can
 * be compared, range by range, with what tcpdump saw arrive: every probe seen, each with the right
 * tool, and nothing recorded for the port where a real service listens.
 */
class ScannersLiveIT {
  private static final String NODE = VethPair.ADDRESS_B;
  private static final int SERVICE_PORT = 8080;
  private static VethPair pair;
  private static Path work;
  private static final List<JsonNode> observations = new ArrayList<>();
  private static Path capture;
  private static int sensorExit = -1;
  private static String sensorErr = "";

  @BeforeAll
  static void scanTheNode() throws Exception {
    Prerequisites.requireRoot();
    Prerequisites.requireLibpcap();
    for (String[] tool : new String[][] {{"/usr/bin/nmap", "nmap"}, {"/usr/sbin/zmap", "zmap"},
        {"/usr/bin/masscan", "masscan"}, {"/usr/sbin/hping3", "hping3"},
        {"/usr/bin/tcpdump", "tcpdump"}, {"/usr/bin/nc", "netcat-openbsd"}}) {
      Prerequisites.requireTool(tool[0], tool[1]);
    }
    Path bundle = Path.of(System.getenv().getOrDefault("PORTSCOPE_BUNDLE", "../../target/sensor-bundle"));
    Prerequisites.require(Files.exists(bundle.resolve("plugins/forward-jsonl.jar"))
        && Files.exists(bundle.resolve("plugins/capture-pcap.jar")), "the sensor bundle in " + bundle
        + " (mvn package builds it)");
    work = Files.createTempDirectory("scanners-it");
    pair = VethPair.create('s');
    String nodeMac = mac();

    Process service = inNode("nc", "-lk", String.valueOf(SERVICE_PORT));
    Path jsonl = work.resolve("observations.jsonl");
    Path config = work.resolve("sensor.yaml");
    Files.writeString(config, "node: it-node\nlocal: [" + NODE + "/32]\n"
        + "capture: {plugin: capture-pcap, interface: " + pair.interfaceB + "}\n"
        + "anonymize: {plugin: identity}\n"
        + "forward: [{plugin: forward-jsonl, path: \"" + jsonl + "\"}]\n"
        + "pipeline: {ports-refresh: 200ms}\n");
    Path sensorLog = work.resolve("sensor.err");
    Process sensor = new ProcessBuilder("ip", "netns", "exec", pair.namespaceB,
        bundle.resolve("../../bin/portscope-sensor").normalize().toString(), "run", "--config",
        config.toString(), "--state", work.resolve("state").toString())
        .redirectError(sensorLog.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    capture = work.resolve("node.pcap");
    Path tcpdumpLog = work.resolve("tcpdump.err");
    Process tcpdump = new ProcessBuilder("ip", "netns", "exec", pair.namespaceB, "tcpdump", "-i",
        pair.interfaceB, "-Q", "in", "-n", "-U", "-s", "128", "-w", capture.toString(), "-Z", "root",
        "tcp").redirectError(tcpdumpLog.toFile()).start();
    try {
      awaitLine(sensorLog, "capturing on", sensor);
      awaitLine(tcpdumpLog, "listening on", tcpdump);
      scan(nodeMac);
    } finally {
      tcpdump.destroy(); // SIGTERM: tcpdump flushes and exits
      tcpdump.waitFor(20, TimeUnit.SECONDS);
      sensor.destroy();
      if (sensor.waitFor(30, TimeUnit.SECONDS)) {
        sensorExit = sensor.exitValue();
      }
      sensorErr = Files.readString(sensorLog);
      service.destroy();
    }
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(jsonl)) {
      observations.add(json.readTree(line));
    }
  }

  private static String mac() throws IOException, InterruptedException {
    return Cmd.run("ip", "netns", "exec", pair.namespaceB, "cat",
        "/sys/class/net/" + pair.interfaceB + "/address").trim();
  }

  /** Each scanner gets its own destination ports, so results can be compared range by range. */
  private static void scan(String nodeMac) throws Exception {
    Path emptyBlocklist = Files.writeString(work.resolve("empty-blocklist"), "");
    attack("nmap", "-n", "-Pn", "-sS", "--max-retries", "0", "-p", "1000-1049," + SERVICE_PORT, NODE);
    attack("nmap", "-n", "-Pn", "-sT", "--max-retries", "0", "-p", "2000-2010", NODE);
    attack("zmap", "-q", "-i", pair.interfaceA, "-G", nodeMac, "-S", VethPair.ADDRESS_A, "-b",
        emptyBlocklist.toString(), "-p", "3000", "-P", "3", "-r", "1000", "--cooldown-time=1",
        NODE + "/32");
    attack("masscan", NODE, "-p", "4000-4049", "--rate", "2000", "--wait", "1", "--adapter",
        pair.interfaceA, "--adapter-ip", VethPair.ADDRESS_A, "--router-mac", nodeMac);
    attack("hping3", "-q", "-S", "-p", "5000", "-c", "5", "-i", "u2000", NODE);
    // Mirai's scanner puts the destination address in the sequence number (scanner.c).
    attack("hping3", "-q", "-S", "-p", "23", "-k", "-s", "40000", "-M", "3221225986", "-c", "5",
        "-i", "u2000", NODE);
    // Backscatter: SYN-ACKs and RSTs the node never asked for.
    attack("hping3", "-q", "-S", "-A", "-p", "6000", "-c", "5", "-i", "u2000", NODE);
    attack("hping3", "-q", "-R", "-p", "6001", "-c", "5", "-i", "u2000", NODE);
  }

  @Test
  void theSensorExitsCleanlyOnSigtermWithASummary() {
    assertEquals(0, sensorExit, sensorErr);
    assertTrue(sensorErr.contains("observations"), sensorErr);
  }

  @Test
  void everyNmapSynProbeIsSeenAsNmapAndTheServicePortNever() throws Exception {
    assertRange(1000, 1049, "nmap", "probe", "S");
    assertTrue(tcpdumpCount("dst port " + SERVICE_PORT) > 0, "nmap probed the service port");
    assertEquals(0, observed(o -> o.get("dport").asInt() == SERVICE_PORT).size(),
        "traffic to a port with a listener is never recorded");
  }

  @Test
  void aKernelConnectScanIsUnknown() throws Exception {
    assertRange(2000, 2010, "unknown", "probe", "S");
  }

  @Test
  void zmapMasscanAndHping3AreNamed() throws Exception {
    assertRange(3000, 3000, "zmap", "probe", "S");
    assertRange(4000, 4049, "masscan", "probe", "S");
    // masscan's own TCP stack answers the node's RST-ACKs; they carry its IP ID formula too.
    assertTrue(observed(o -> o.get("dport").asInt() >= 4000 && o.get("dport").asInt() <= 4049)
        .stream().allMatch(o -> o.get("tool").asText().equals("masscan")));
    assertRange(5000, 5000, "hping3", "probe", "S");
  }

  @Test
  void miraiStyleProbesAreMirai() throws Exception {
    assertRange(23, 23, "mirai", "probe", "S");
  }

  @Test
  void unsolicitedSynAcksAndRstsAreBackscatter() throws Exception {
    assertRange(6000, 6000, null, "backscatter", "SA");
    assertRange(6001, 6001, null, "backscatter", "R");
  }

  /**
   * The sensor saw exactly the packets with these TCP flags that tcpdump saw in the range, all with
   * this verdict ({@code tool} null: any one tool).
   */
  private static void assertRange(int from, int to, String tool, String kind, String flags)
      throws Exception {
    String tcpdumpFlags = switch (flags) {
      case "S" -> "tcp-syn";
      case "SA" -> "tcp-syn|tcp-ack";
      case "R" -> "tcp-rst";
      default -> throw new IllegalArgumentException(flags);
    };
    int expected = tcpdumpCount("dst portrange " + from + "-" + to + " and tcp[tcpflags] == "
        + tcpdumpFlags);
    List<JsonNode> seen = observed(o -> o.get("dport").asInt() >= from && o.get("dport").asInt() <= to
        && o.get("flags").asText().equals(flags));
    assertTrue(expected > 0, "tcpdump saw no probe to " + from + "-" + to);
    assertEquals(expected, seen.size(), "observations for ports " + from + "-" + to
        + " (tcpdump saw " + expected + ")");
    Map<String, Integer> verdicts = new TreeMap<>();
    for (JsonNode o : seen) {
      verdicts.merge(o.get("tool").asText() + "/" + o.get("kind").asText() + "/"
          + o.get("flags").asText(), 1, Integer::sum);
    }
    String want = (tool == null ? seen.get(0).get("tool").asText() : tool) + "/" + kind + "/" + flags;
    assertEquals(Map.of(want, expected), verdicts, "verdicts for ports " + from + "-" + to);
  }

  private static List<JsonNode> observed(Predicate<JsonNode> p) {
    return observations.stream().filter(o -> o.get("proto").asText().equals("tcp")).filter(p).toList();
  }

  private static int tcpdumpCount(String filter) throws Exception {
    String out = Cmd.run("tcpdump", "-r", capture.toString(), "-n", "src host " + VethPair.ADDRESS_A
        + " and dst host " + NODE + " and " + filter);
    return (int) out.lines().filter(l -> l.contains(" IP ")).count();
  }

  private static Process inNode(String... command) throws IOException {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", pair.namespaceB));
    full.addAll(List.of(command));
    return new ProcessBuilder(full).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }

  private static void attack(String... command) throws Exception {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", pair.namespaceA));
    full.addAll(List.of(command));
    Path log = work.resolve(command[0] + ".log");
    Process p = new ProcessBuilder(full).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", command) + ": did not finish in 120 s");
    }
    // hping3 exits 1 when no reply came back, which is what a closed port or backscatter gives.
    if (p.exitValue() != 0 && !command[0].equals("hping3")) {
      throw new IOException(String.join(" ", command) + ": exit " + p.exitValue() + ": "
          + Files.readString(log));
    }
  }

  /** Waits for a line in a process's log: the event that it is ready, never a sleep. */
  private static void awaitLine(Path log, String needle, Process process) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    try (var watch = log.getFileSystem().newWatchService()) {
      log.getParent().register(watch, java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY);
      while (!Files.readString(log).contains(needle)) {
        if (!process.isAlive()) {
          throw new IOException("exited before '" + needle + "': " + Files.readString(log));
        }
        if (System.nanoTime() > deadline) {
          throw new IOException("no '" + needle + "' within 60 s: " + Files.readString(log));
        }
        watch.poll(100, TimeUnit.MILLISECONDS);
      }
    }
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (pair != null) {
      for (String ns : List.of(pair.namespaceA, pair.namespaceB)) {
        for (String pid : Cmd.run("ip", "netns", "pids", ns).split("\\s+")) {
          if (!pid.isBlank()) {
            Cmd.quietly("kill", "-9", pid);
          }
        }
      }
      pair.close();
    }
    if (work != null) {
      try (var files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
