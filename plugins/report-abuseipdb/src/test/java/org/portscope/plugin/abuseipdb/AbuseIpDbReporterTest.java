package org.portscope.plugin.abuseipdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.sensor.api.ConfigException;
import org.portscope.sensor.api.Fingerprint;
import org.portscope.sensor.api.IpAddress;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.Protocol;
import org.portscope.sensor.api.Session;
import org.portscope.sensor.api.StageConfig;
import org.portscope.sensor.api.TcpFlags;
import org.portscope.sensor.api.TcpOptions;
import org.portscope.sensor.api.TrafficKind;

/** The reporter against a local server that answers as AbuseIPDB's API v2 documents. */
class AbuseIpDbReporterTest {
  private static final IpAddress NODE = IpAddress.parse("198.18.0.2");
  private static final long T0 = 1_764_000_000_000_000_000L;

  @TempDir
  Path dir;
  private FakeAbuseIpDb api;
  private WaitableMetrics metrics;
  private AbuseIpDbReporter reporter;

  @BeforeEach
  void server() throws IOException {
    api = new FakeAbuseIpDb();
    metrics = new WaitableMetrics();
  }

  @AfterEach
  void stop() {
    if (reporter != null) {
      reporter.close();
    }
    api.close();
  }

  @Test
  void sessionsAreReportedByWhatTheySpokeAndBarePacketsNever() throws Exception {
    reporter = start(Map.of());
    reporter.accept(syn("203.0.113.1", 22)); // a bare SYN: forgeable, never reported
    reporter.accept(udp("203.0.113.1", 53));
    reporter.accept(session("203.0.113.2", 10022, "ssh", "SSH-2.0-libssh_0.9.6\r\n", "libssh"));
    reporter.accept(session("203.0.113.3", 10080, "http", "GET /cgi-bin/luci HTTP/1.1\r\nHost: x\r\n\r\n", "curl"));
    reporter.accept(session("203.0.113.4", 23, "telnet", "\u00ff\u00fd\u0018", "unknown"));
    for (int port : new int[] {1000, 1001, 1002}) {
      reporter.accept(syn("203.0.113.5", port));
    }
    reporter.accept(session("203.0.113.5", 10443, "tls", "\u0016\u0003\u0001", "unknown"));
    metrics.awaitReports("sent", 4);
    Map<String, FakeAbuseIpDb.Received> byIp = new HashMap<>();
    api.reports().forEach(r -> byIp.put(r.ip(), r));
    assertEquals(4, byIp.size(), byIp.toString());
    assertEquals("18,22", byIp.get("203.0.113.2").categories());
    assertEquals("21", byIp.get("203.0.113.3").categories());
    assertEquals("18,23", byIp.get("203.0.113.4").categories());
    assertEquals("14,15", byIp.get("203.0.113.5").categories(), "three ports probed before: a port scan too");
    FakeAbuseIpDb.Received ssh = byIp.get("203.0.113.2");
    assertEquals("2025-11-24T16:00:00Z", ssh.timestamp());
    assertTrue(ssh.comment().contains("port 10022") && ssh.comment().contains("SSH-2.0-libssh_0.9.6"), ssh.comment());
    api.reports().forEach(r -> assertFalse(r.comment().contains(NODE.toString()), "the node's address: " + r.comment()));
  }

  @Test
  void anAddressIsReportedOncePerCooldownAndNeverBeyondTheDailyQuota() throws Exception {
    reporter = start(Map.of("daily-quota", 2));
    reporter.accept(session("203.0.113.10", 10022, "ssh", "SSH-2.0-x\r\n", "unknown"));
    reporter.accept(sessionAt("203.0.113.10", 10023, T0 + 60_000_000_000L)); // a minute later: cooling down
    reporter.accept(session("203.0.113.11", 10022, "ssh", "SSH-2.0-x\r\n", "unknown"));
    reporter.accept(session("203.0.113.12", 10022, "ssh", "SSH-2.0-x\r\n", "unknown"));
    reporter.accept(sessionAt("203.0.113.10", 10024, T0 + 21 * 60_000_000_000L)); // after 21 minutes: due again
    metrics.awaitReports("sent", 2);
    metrics.awaitReports("over-daily-quota", 2);
    assertEquals(1, metrics.reports("cooling-down"));
    assertEquals(2, api.reports().size());
  }

  @Test
  void a429PausesForRetryAfterThenSendingResumes() throws Exception {
    api.dailyLimit = 1;
    api.retryAfterSeconds = 1;
    reporter = start(Map.of());
    reporter.accept(session("203.0.113.20", 10022, "ssh", "SSH-2.0-x\r\n", "unknown"));
    reporter.accept(session("203.0.113.21", 10022, "ssh", "SSH-2.0-x\r\n", "unknown"));
    metrics.awaitReports("sent", 2);
    assertTrue(metrics.value("portscope_abuseipdb_rate_limited_total") >= 1);
    assertEquals(List.of("203.0.113.20", "203.0.113.21"), api.reports().stream().map(FakeAbuseIpDb.Received::ip).toList());
  }

  @Test
  void serverFailuresAreRetriedWithBackoffAndAnAddressReportedTooSoonIsNot() throws Exception {
    api.failNext.set(2);
    reporter = start(Map.of());
    reporter.accept(session("203.0.113.30", 10022, "ssh", "SSH-2.0-x\r\n", "unknown"));
    metrics.awaitReports("sent", 1);
    assertEquals(2, metrics.value("portscope_abuseipdb_retries_total"));
    // Another sensor of the same reporter account got there first: AbuseIPDB says 429 "once in 15 minutes".
    reporter.close();
    reporter = start(Map.of());
    reporter.accept(session("203.0.113.30", 10022, "ssh", "SSH-2.0-x\r\n", "unknown"));
    metrics.awaitReports("rejected", 1);
    assertEquals(1, api.reports().size());
  }

  @Test
  @Timeout(60) // accept blocking on the hanging API would otherwise hang the build, not fail it
  void theDeliveryThreadNeverWaitsOnAbuseIpDb() throws Exception {
    api.hang = new CountDownLatch(1);
    reporter = start(Map.of("queue", 100, "timeout", "60s"));
    for (int i = 0; i < 5000; i++) {
      reporter.accept(session("10.1." + (i >> 8) + "." + (i & 0xff), 10022, "ssh", "SSH-2.0-x\r\n", "unknown"));
    }
    // All 5000 were taken while the API hangs: one in flight, 100 queued, the rest dropped and counted.
    assertTrue(metrics.reports("queue-full") >= 5000 - 101, "queue-full " + metrics.reports("queue-full"));
    api.hang.countDown();
    metrics.awaitReports("sent", 50);
  }

  @Test
  void bulkModeSendsOneCsvPerInterval() throws Exception {
    reporter = start(Map.of("mode", "bulk", "bulk-interval", "300ms"));
    reporter.accept(session("203.0.113.40", 10022, "ssh", "SSH-2.0-x\r\n", "unknown"));
    reporter.accept(session("203.0.113.41", 10080, "http", "GET / HTTP/1.0\r\n\r\n", "unknown"));
    reporter.accept(session("203.0.113.42", 23, "telnet", "\u00ff\u00fb\u0001", "unknown"));
    metrics.awaitReports("sent", 3);
    assertEquals(1, api.bulkUploads.size(), api.bulkUploads.toString());
    String csv = api.bulkUploads.get(0);
    assertTrue(csv.startsWith("IP,Categories,ReportDate,Comment\n203.0.113.40,\"18,22\",2025-11-24T16:00:00Z,\""), csv);
    assertEquals(3, api.reports().size());
  }

  @Test
  void configErrorsNameTheKeyAndNeverShowTheApiKey() throws Exception {
    Path key = keyFile();
    ConfigException notRaw = assertThrows(ConfigException.class, () -> configure(Map.of("key-file", key.toString())));
    assertTrue(notRaw.getMessage().contains("raw") && notRaw.getMessage().contains("real addresses"), notRaw.getMessage());
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    ConfigException open = assertThrows(ConfigException.class, () -> configure(Map.of("raw", true, "key-file", key.toString())));
    assertTrue(open.getMessage().contains("key-file") && open.getMessage().contains("chmod 600"), open.getMessage());
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    ConfigException soon = assertThrows(ConfigException.class,
        () -> configure(Map.of("raw", true, "key-file", key.toString(), "cooldown", "5m")));
    assertTrue(soon.getMessage().contains("cooldown") && soon.getMessage().contains("15m"), soon.getMessage());
    Files.writeString(key, "not a key!\n");
    ConfigException bad = assertThrows(ConfigException.class, () -> configure(Map.of("raw", true, "key-file", key.toString())));
    assertTrue(bad.getMessage().contains("does not hold an AbuseIPDB API key"), bad.getMessage());
    assertFalse(bad.getMessage().contains("not a key"), "the file's content was shown");
    for (ConfigException e : List.of(notRaw, open, soon)) {
      assertFalse(e.getMessage().contains(FakeAbuseIpDb.KEY), "the API key leaked: " + e.getMessage());
    }
  }

  private AbuseIpDbReporter start(Map<String, Object> extra) throws IOException {
    Map<String, Object> values = new HashMap<>(Map.of("plugin", "report-abuseipdb", "raw", true,
        "key-file", keyFile().toString(), "endpoint", api.endpoint().toString(), "retry-base", "20ms", "retry-max", "200ms"));
    values.putAll(extra);
    AbuseIpDbReporter r = configure(values);
    r.start();
    return r;
  }

  private AbuseIpDbReporter configure(Map<String, Object> values) {
    Map<String, Object> all = new HashMap<>(values);
    all.putIfAbsent("plugin", "report-abuseipdb");
    AbuseIpDbReporter r = new AbuseIpDbReporter();
    r.configure(new StageConfig("forward[1]", all), metrics);
    return r;
  }

  private Path keyFile() throws IOException {
    Path key = dir.resolve("abuseipdb.key");
    if (!Files.exists(key)) {
      Files.writeString(key, FakeAbuseIpDb.KEY + "\n", StandardCharsets.US_ASCII);
      Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    }
    return key;
  }

  private static Observation syn(String src, int port) {
    return new Observation(T0, IpAddress.parse(src), NODE, Protocol.TCP, 40000, port, TcpFlags.SYN, 1, 0, 1024, 50,
        1, TcpOptions.NONE, -1, -1, 0, "node-1", new Fingerprint("unknown", TrafficKind.PROBE, false), null);
  }

  private static Observation udp(String src, int port) {
    return new Observation(T0, IpAddress.parse(src), NODE, Protocol.UDP, 40000, port, -1, -1, -1, -1, 50,
        1, TcpOptions.NONE, -1, -1, 10, "node-1", new Fingerprint("unknown", TrafficKind.PROBE, false), null);
  }

  private static Observation session(String src, int port, String app, String first, String tool) {
    byte[] bytes = first.getBytes(StandardCharsets.ISO_8859_1);
    Session s = new Session(1_500_000_000L, bytes.length + 10, 40, bytes, app, "source-closed");
    return Observation.ofSession(T0, IpAddress.parse(src), 40000, NODE, port, "node-1", s)
        .withFingerprint(new Fingerprint(tool, TrafficKind.PROBE, false));
  }

  private static Observation sessionAt(String src, int port, long nanos) {
    Session s = new Session(1_000_000L, 12, 0, "SSH-2.0-x\r\n".getBytes(StandardCharsets.US_ASCII), "ssh", "source-closed");
    return Observation.ofSession(nanos, IpAddress.parse(src), 40000, NODE, port, "node-1", s)
        .withFingerprint(new Fingerprint("unknown", TrafficKind.PROBE, false));
  }
}
