package org.portscope.plugin.jsonl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.sensor.api.ConfigException;
import org.portscope.sensor.api.Fingerprint;
import org.portscope.sensor.api.IpAddress;
import org.portscope.sensor.api.Metrics;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.Protocol;
import org.portscope.sensor.api.SensorContext;
import org.portscope.sensor.api.StageConfig;
import org.portscope.sensor.api.TcpOptions;
import org.portscope.sensor.api.TrafficKind;

class JsonlForwarderTest {
  @TempDir
  Path dir;

  private final SensorContext ctx = new SensorContext() {
    public String nodeId() {
      return "n1";
    }

    public InstantSource clock() {
      return InstantSource.system();
    }

    public Metrics metrics() {
      throw new UnsupportedOperationException("jsonl registers no metrics");
    }

    public Path stateDir(String name) {
      return dir;
    }
  };

  static Observation synFrom(String src, long seq) {
    byte[] mss = {2, 4, 0x05, (byte) 0xB4};
    return new Observation(1_764_171_953_123_456_789L, IpAddress.parse(src),
        IpAddress.parse("192.0.2.10"), Protocol.TCP, 40000, 23, 0x02, seq, 0, 1024, 49, 54321,
        TcpOptions.copyOf(mss, 0, 4), -1, -1, 0, "node \"1\"",
        new Fingerprint("nmap", TrafficKind.PROBE, false), "k1");
  }

  @Test
  void writesOneParsableObjectPerLineWithTheDocumentedKeys() throws Exception {
    Path out = dir.resolve("sub/obs.jsonl");
    JsonlForwarder f = new JsonlForwarder();
    f.configure(new StageConfig("forward[0]", Map.of("plugin", "forward-jsonl", "path", out.toString(),
        "buffer", "4k")), ctx);
    f.start();
    for (int i = 0; i < 200; i++) { // more than one 4 KiB buffer
      f.accept(synFrom("198.51.100." + i, 0xFFFF_FFFFL - i));
    }
    Observation icmp = new Observation(0, IpAddress.parse("2001:db8::1"), IpAddress.parse("2001:db8::2"),
        Protocol.ICMP6, -1, -1, -1, -1, -1, -1, 60, -1, TcpOptions.NONE, 1, 4, 48, "n1",
        new Fingerprint("unknown", TrafficKind.BACKSCATTER, true), null);
    f.accept(icmp);
    f.close();

    List<String> lines = Files.readAllLines(out);
    assertEquals(201, lines.size());
    ObjectMapper json = new ObjectMapper();
    JsonNode first = json.readTree(lines.get(0));
    assertEquals("2025-11-26T15:45:53.123456789Z", first.get("ts").asText());
    assertEquals("198.51.100.0", first.get("src").asText());
    assertEquals("tcp", first.get("proto").asText());
    assertEquals(23, first.get("dport").asInt());
    assertEquals("S", first.get("flags").asText());
    assertEquals(0xFFFF_FFFFL, first.get("seq").asLong());
    assertEquals(54321, first.get("ipId").asInt());
    assertEquals("M", first.get("options").asText());
    assertEquals(1460, first.get("mss").asInt());
    assertEquals("nmap", first.get("tool").asText());
    assertEquals("probe", first.get("kind").asText());
    assertEquals("node \"1\"", first.get("node").asText());
    for (String key : List.of("ts", "src", "dst", "proto", "sport", "dport", "flags", "ttl", "ipId",
        "seq", "window", "tool", "kind")) {
      assertTrue(first.has(key), key);
    }
    JsonNode last = json.readTree(lines.get(200));
    assertEquals("icmp6", last.get("proto").asText());
    assertTrue(last.get("sport").isNull());
    assertTrue(last.get("flags").isNull());
    assertEquals(1, last.get("icmpType").asInt());
    assertTrue(last.get("spoofSuspect").asBoolean());
    assertFalse(last.has("anonKey"));
  }

  @Test
  void appendsAcrossRestartsAndRefusesUnknownKeys() throws Exception {
    Path out = dir.resolve("obs.jsonl");
    for (int run = 0; run < 2; run++) {
      JsonlForwarder f = new JsonlForwarder();
      f.configure(new StageConfig("forward[0]", Map.of("plugin", "forward-jsonl", "path", out.toString())), ctx);
      f.accept(synFrom("198.51.100.1", run));
      f.close();
    }
    assertEquals(2, Files.readAllLines(out).size());
    JsonlForwarder bad = new JsonlForwarder();
    ConfigException e = assertThrows(ConfigException.class, () -> bad.configure(new StageConfig(
        "forward[3]", Map.of("plugin", "forward-jsonl", "pth", "x")), ctx));
    assertTrue(e.getMessage().startsWith("forward[3].pth: unknown key"), e.getMessage());
  }
}
