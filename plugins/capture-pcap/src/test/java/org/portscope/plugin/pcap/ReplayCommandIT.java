package org.portscope.plugin.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main job, as a newcomer runs it: the launcher replays the committed capture of real
 * scanners through the built bundle. The capture is fixed, so the verdicts are exact.
 */
class ReplayCommandIT {
  private static final Path REPO = Path.of("../..").toAbsolutePath().normalize();

  private record Replay(String out, String err) {
    /** The summary's counts by kind and tool: the line that starts with "observations". */
    String observationsLine() {
      return err.lines().map(String::strip).filter(l -> l.startsWith("observations ")).findFirst()
          .orElseThrow(() -> new AssertionError("no observations line in the summary:\n" + err));
    }
  }

  private static Replay replay(String... extra) throws Exception {
    return replay(REPO.resolve("samples/scanners.pcap"), Map.of(), extra);
  }

  private static Replay replay(Path pcap, Map<String, String> env, String... extra) throws Exception {
    Path bundle = Path.of(System.getenv().getOrDefault("PORTSCOPE_BUNDLE", REPO + "/target/sensor-bundle"));
    Prerequisites.require(Files.exists(bundle.resolve("portscope-sensor.jar")),
        "the sensor bundle in " + bundle + " (mvn package builds it)");
    List<String> command = new ArrayList<>(List.of(REPO.resolve("bin/portscope-sensor").toString(),
        "replay", "--pcap", pcap.toString(), "--local", "198.18.0.2/32"));
    command.addAll(List.of(extra));
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE);
    builder.environment().putAll(env);
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), err);
    return new Replay(out, err);
  }

  @Test
  void replayingTheSampleNamesEveryScannerInIt() throws Exception {
    Replay r = replay();
    String out = r.out();
    String err = r.err();

    Map<String, Integer> byTool = new TreeMap<>();
    Map<String, Integer> byKind = new TreeMap<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : out.split("\n")) {
      JsonNode o = json.readTree(line);
      byTool.merge(o.get("tool").asText(), 1, Integer::sum);
      byKind.merge(o.get("kind").asText(), 1, Integer::sum);
      assertEquals("198.18.0.2", o.get("dst").asText());
      assertEquals("identity", o.get("anonKey").asText());
      assertTrue(o.get("dport").isNull() || o.get("dport").asInt() != 8080,
          "the node answered on 8080 (a service): nothing to it is recorded, not even the first probe");
    }
    // bin/capture-sample sent: nmap -sS on ports 1-100 and 8080 (where nc listens), nmap -sT on 11,
    // zmap 5 probes, masscan on 50 ports (its stack then sends 50 RSTs: probes too, they carry its
    // signature), 5 Mirai-style SYNs, and 5 SYN-ACKs and 5 RSTs as backscatter.
    assertEquals(Map.of("masscan", 100, "mirai", 5, "nmap", 100, "unknown", 21, "zmap", 5), byTool);
    assertEquals(Map.of("backscatter", 10, "probe", 221), byKind);
    assertTrue(err.contains("observations 231"), err);
  }

  /**
   * Without output, fingerprinting runs on the delivery lane's thread instead of the pipeline's:
   * the summary must count the same verdicts as a replay that writes them. The sample's records
   * twenty times over make several hand-overs (4,620 observations, batches of 1,024), and
   * assertions are on, so a verdict counter added to from the wrong thread fails the replay.
   */
  @Test
  void withoutOutputTheSummaryCountsTheSameVerdicts(@TempDir Path dir) throws Exception {
    byte[] sample = Files.readAllBytes(REPO.resolve("samples/scanners.pcap"));
    Path twenty = dir.resolve("scanners-x20.pcap");
    try (OutputStream out = Files.newOutputStream(twenty)) {
      out.write(sample, 0, 24); // the file header once, then the records again and again
      for (int i = 0; i < 20; i++) {
        out.write(sample, 24, sample.length - 24);
      }
    }
    Map<String, String> checked = Map.of("PORTSCOPE_JAVA_OPTS", "-ea -Xmx256m");
    Replay written = replay(twenty, checked);
    Replay counted = replay(twenty, checked, "--no-output");
    assertEquals("", counted.out());
    assertEquals(written.observationsLine(), counted.observationsLine());
    assertTrue(counted.observationsLine().startsWith("observations 4620 "), counted.err());
  }
}
