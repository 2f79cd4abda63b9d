package org.portscope.plugin.cryptopan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.sensor.api.ConfigException;
import org.portscope.sensor.api.IpAddress;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.Protocol;
import org.portscope.sensor.api.SensorContext;
import org.portscope.sensor.api.StageConfig;
import org.portscope.sensor.api.TcpOptions;
import org.portscope.sensor.core.metrics.MetricsRegistry;

class CryptoPanAnonymizerTest {
  private static final byte[] KEY = Vectors.SAMPLE_KEY;
  private static final long JAN_2026 = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond() * 1_000_000_000L;
  private static final long JUL_2026 = Instant.parse("2026-07-01T00:00:00Z").getEpochSecond() * 1_000_000_000L;

  @TempDir
  Path dir;
  private final MetricsRegistry metrics = new MetricsRegistry();

  private final SensorContext ctx = new SensorContext() {
    public String nodeId() {
      return "n1";
    }

    public InstantSource clock() {
      return InstantSource.system();
    }

    public org.portscope.sensor.api.Metrics metrics() {
      return metrics;
    }

    public Path stateDir(String name) {
      return dir;
    }
  };

  static Observation syn(long ts, String src, String dst) {
    return new Observation(ts, IpAddress.parse(src), IpAddress.parse(dst), Protocol.TCP, 40000, 23,
        0x02, 1, 0, 1024, 49, 1, TcpOptions.NONE, -1, -1, 0, "n1", null, null);
  }

  private CryptoPanAnonymizer configured(Map<String, Object> section) {
    Map<String, Object> values = new HashMap<>(section);
    values.put("plugin", "anonymize-cryptopan");
    CryptoPanAnonymizer a = new CryptoPanAnonymizer();
    a.configure(new StageConfig("anonymize", values), ctx);
    return a;
  }

  private String refused(Map<String, Object> section) {
    return assertThrows(ConfigException.class, () -> configured(section)).getMessage();
  }

  @Test
  void smokeCreatedFromAConfigMapUsedOnceAndClosed() throws Exception {
    Path key = TestKeys.hex(dir, "anon.key", KEY);
    CryptoPanAnonymizer a = configured(Map.of("key-file", key.toString(), "key-id", "k1"));
    assertEquals(Set.of("key-file", "keys"), a.secretKeys());
    Observation out = a.anonymize(syn(JAN_2026, "24.5.0.80", "192.102.249.13"));
    a.close();
    assertFalse(out.isRaw());
    assertEquals("k1", out.anonKeyId());
    // the reference sample's pairs, for both fields
    assertEquals(IpAddress.parse("100.9.15.210"), out.src());
    assertEquals(IpAddress.parse("252.138.62.131"), out.dst());
    assertEquals(1L, metrics.snapshot().get("portscope_anonymizer_observations_total{key=\"k1\"}"));
  }

  @Test
  void appliesEachFieldsPolicyToIpv4AndIpv6() throws Exception {
    Path key = TestKeys.hex(dir, "anon.key", KEY);
    CryptoPanAnonymizer a = configured(Map.of("key-file", key.toString(), "key-id", "k1",
        "src", "truncate/24/48", "dst", "drop"));
    Observation v4 = a.anonymize(syn(0, "198.51.100.77", "192.0.2.10"));
    assertEquals(IpAddress.parse("198.51.100.0"), v4.src());
    assertEquals(IpAddress.parse("0.0.0.0"), v4.dst());
    Observation v6 = a.anonymize(syn(0, "2001:db8:1:2::77", "2001:db8::10"));
    assertEquals(IpAddress.parse("2001:db8:1::"), v6.src());
    assertEquals(IpAddress.parse("::"), v6.dst());
    assertEquals("k1", v6.anonKeyId());

    CryptoPanAnonymizer keepNode = configured(Map.of("key-file", key.toString(), "key-id", "k1",
        "dst", "keep", "src", "truncate/16"));
    Observation o = keepNode.anonymize(syn(0, "2001:db8:1:2::77", "2001:db8::10"));
    assertEquals(IpAddress.parse("2001::"), o.src()); // a single N applies to IPv6 too
    assertEquals(IpAddress.parse("2001:db8::10"), o.dst());
  }

  @Test
  void withoutCryptopanNeedsNoKeyAndStampsThePolicy() {
    CryptoPanAnonymizer a = configured(Map.of("src", "truncate/24", "dst", "drop"));
    Observation o = a.anonymize(syn(0, "198.51.100.77", "192.0.2.10"));
    assertEquals("policy:src=truncate/24/24,dst=drop", o.anonKeyId());
    assertEquals(IpAddress.parse("198.51.100.0"), o.src());
  }

  @Test
  void anObservationIsAnonymizedWithTheKeyInForceAtItsTime() throws Exception {
    byte[] key2 = KEY.clone();
    key2[0] ^= 1;
    Path k1 = TestKeys.hex(dir, "k1", KEY);
    Path k2 = TestKeys.write(dir, "k2", key2, "rw-------"); // raw bytes
    // k2 is listed first and its start is a YAML timestamp (a Date), k1's a string
    CryptoPanAnonymizer a = configured(Map.of("keys", List.of(
        Map.of("id", "k2", "file", k2.toString(), "from", Date.from(Instant.ofEpochSecond(JUL_2026 / 1_000_000_000L))),
        Map.of("id", "k1", "file", k1.toString(), "from", "2026-01-01T00:00:00Z"))));
    CryptoPan pan1 = new CryptoPan(KEY);
    CryptoPan pan2 = new CryptoPan(key2);
    IpAddress src = IpAddress.parse("203.0.113.9");
    long[] times = {JAN_2026 - 1, JAN_2026, JUL_2026 - 1, JUL_2026, JUL_2026 + 86_400_000_000_000L};
    String[] expected = {"k1", "k1", "k1", "k2", "k2"};
    for (int i = 0; i < times.length; i++) {
      Observation o = a.anonymize(syn(times[i], src.toString(), "192.0.2.10"));
      assertEquals(expected[i], o.anonKeyId(), "at " + times[i]);
      assertEquals((expected[i].equals("k1") ? pan1 : pan2).anonymize(src), o.src());
    }
    assertEquals(2L, metrics.snapshot().get("portscope_anonymizer_observations_total{key=\"k2\"}"));
  }

  @Test
  void refusesAKeyFileOthersMayReadNamingItWithoutTheKey() throws Exception {
    Path key = TestKeys.write(dir, "anon.key", (HexFormat.of().formatHex(KEY) + "\n").getBytes(),
        "rw-r--r--");
    String message = refused(Map.of("key-file", key.toString(), "key-id", "k1"));
    assertTrue(message.startsWith("anonymize.key-file: " + key) && message.contains("0600"), message);
    assertFalse(message.contains(HexFormat.of().formatHex(KEY, 0, 4)), message);
  }

  @Test
  void refusesAMissingOrMalformedKeyFile() throws Exception {
    String missing = refused(Map.of("keys", List.of(
        Map.of("id", "k1", "file", dir.resolve("absent.key").toString()))));
    assertTrue(missing.equals("anonymize.keys[0].file: " + dir.resolve("absent.key")
        + " does not exist"), missing);
    String hex = HexFormat.of().formatHex(KEY);
    Path bad = TestKeys.write(dir, "bad.key", (hex.substring(0, 60) + "zz\n").getBytes(), "rw-------");
    String malformed = refused(Map.of("key-file", bad.toString(), "key-id", "k1"));
    assertTrue(malformed.contains(bad.toString()) && malformed.contains("64 hex digits"), malformed);
    assertFalse(malformed.contains(hex.substring(0, 8)), malformed);
  }

  @Test
  void refusesUnknownPoliciesAndIncoherentSettings() throws Exception {
    Path key = TestKeys.hex(dir, "anon.key", KEY);
    String k = key.toString();
    assertTrue(refused(Map.of("key-file", k, "key-id", "k1", "src", "hash"))
        .startsWith("anonymize.src: 'hash' is not valid; expected cryptopan, truncate/N"));
    assertTrue(refused(Map.of("key-file", k, "key-id", "k1", "dst", "truncate/48"))
        .contains("truncate/N4/N6"));
    assertTrue(refused(Map.of("key-file", k, "key-id", "k1", "dst", "truncate/24/129"))
        .startsWith("anonymize.dst: 'truncate/24/129' is not valid"));
    assertTrue(refused(Map.of("src", "keep", "dst", "keep")).contains("both 'keep'"));
    assertTrue(refused(Map.of()).startsWith("anonymize.key-file: missing"));
    assertTrue(refused(Map.of("key-file", k)).startsWith("anonymize.key-id: missing"));
    assertTrue(refused(Map.of("key-file", k, "key-id", "k 1")).startsWith("anonymize.key-id: 'k 1'"));
    assertTrue(refused(Map.of("key-file", k, "key-id", "k1", "salt", "x"))
        .startsWith("anonymize.salt: unknown key"));
    assertTrue(refused(Map.of("keys", List.of(Map.of("id", "a", "file", k),
        Map.of("id", "b", "file", k)))).contains("only one key may omit its start"));
    assertTrue(refused(Map.of("keys", List.of(Map.of("id", "a", "file", k, "from", "2026-01-01"))))
        .startsWith("anonymize.keys[0].from: '2026-01-01' is not valid; expected an ISO-8601"));
    assertTrue(refused(Map.of("keys", List.of(Map.of("id", "a", "file", k),
        Map.of("id", "a", "file", k, "from", "2026-01-01T00:00:00Z")))).contains("'a' appears twice"));
  }
}
