package org.portscope.hub.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.hub.TestObservations;
import org.portscope.hub.peer.Peer;
import org.portscope.sensor.api.IpAddress;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.TrafficKind;
import org.portscope.sensor.api.wire.BatchId;

class DuckDbStoreTest {
  static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
  static final Peer A = new Peer("node-a", "uni-x", IpAddress.parse("10.77.0.2"));
  static final Peer B = new Peer("node-b", "uni-y", IpAddress.parse("10.77.0.3"));

  @TempDir Path dir;
  DuckDbStore store;

  @BeforeEach
  void open() {
    store = DuckDbStore.open(dir.resolve("hub.duckdb"), "256MB", 2);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aBatchIsStoredOnceAndEveryFieldComesBack() {
    BatchId id = BatchId.random();
    Observation syn = TestObservations.syn(T0.plusNanos(123), "198.51.100.7", 22, "zmap");
    Observation icmp = TestObservations.backscatter(T0.plusSeconds(1), "203.0.113.9");
    assertEquals(AppendResult.STORED, store.append(id, A, List.of(syn, icmp), T0));
    assertEquals(AppendResult.DUPLICATE, store.append(id, A, List.of(syn, icmp), T0.plusSeconds(5)));
    List<StoredObservation> rows = store.observations(ObservationFilter.ALL, 10);
    assertEquals(2, rows.size());
    StoredObservation newest = rows.get(0);
    assertEquals("203.0.113.9", newest.src());
    assertEquals("icmp", newest.protocol());
    assertNull(newest.dstPort());
    assertEquals(0, newest.icmpType());
    assertEquals("backscatter", newest.kind());
    assertEquals(Boolean.TRUE, newest.spoofSuspect());
    StoredObservation s = rows.get(1);
    assertEquals(new StoredObservation(T0.plusNanos(123), syn.timestampNanos(), "uni-x", "node-a",
        "198.51.100.7", "192.0.2.1", "tcp", 40000, 22, "S", 12345L, 0L, 1024, 54, 777, "M", null, null,
        0, "zmap", "probe", false, "k1"), s);
    assertEquals(1, store.nodeActivity().get("node-a").batches());
    assertEquals(2, store.nodeActivity().get("node-a").observations());
  }

  @Test
  void newestObservationsWidenTheirWindowUntilTheLimitIsMet() {
    assertTrue(store.observations(ObservationFilter.ALL, 5).isEmpty());
    store.append(BatchId.random(), A, List.of(
        TestObservations.syn(T0.minus(Duration.ofDays(20)), "198.51.100.1", 22, "zmap"),
        TestObservations.syn(T0.minus(Duration.ofDays(3)), "198.51.100.2", 22, "zmap"),
        TestObservations.syn(T0.minus(Duration.ofHours(5)), "198.51.100.3", 22, "zmap"),
        TestObservations.syn(T0.minusSeconds(60), "198.51.100.4", 22, "zmap"),
        TestObservations.syn(T0, "198.51.100.5", 22, "zmap")), T0);
    assertEquals(List.of("198.51.100.5", "198.51.100.4"), sources(store.observations(ObservationFilter.ALL, 2)));
    assertEquals(List.of("198.51.100.5", "198.51.100.4", "198.51.100.3", "198.51.100.2"),
        sources(store.observations(ObservationFilter.ALL, 4)));
    assertEquals(5, store.observations(ObservationFilter.ALL, 10).size());
    assertEquals(List.of("198.51.100.2", "198.51.100.1"), sources(store.observations(
        ObservationFilter.ALL.withRange(T0.minus(Duration.ofDays(30)), T0.minus(Duration.ofDays(1))), 10)));
    assertEquals(List.of("198.51.100.4"), sources(store.observations(
        ObservationFilter.ALL.withRange(T0.minus(Duration.ofDays(30)), T0), 1)));
  }

  private static List<String> sources(List<StoredObservation> rows) {
    return rows.stream().map(StoredObservation::src).toList();
  }

  @Test
  void aFailureInTheMiddleOfABatchLeavesNothingAndTheRetryStoresIt() {
    BatchId id = BatchId.random();
    List<Observation> good = List.of(TestObservations.syn(T0, "198.51.100.7", 22, "zmap"),
        TestObservations.syn(T0, "198.51.100.8", 23, "zmap"), TestObservations.syn(T0, "198.51.100.9", 24, "zmap"));
    List<Observation> failsAtThird = new AbstractList<>() {
      @Override
      public Observation get(int i) {
        if (i == 2) {
          throw new IllegalStateException("disk vanished");
        }
        return good.get(i);
      }

      @Override
      public int size() {
        return good.size();
      }
    };
    assertThrows(IllegalStateException.class, () -> store.append(id, A, failsAtThird, T0));
    assertEquals(0, store.summary(ObservationFilter.ALL, T0).totals().observations());
    assertTrue(store.nodeActivity().isEmpty());
    assertEquals(AppendResult.STORED, store.append(id, A, good, T0));
    assertEquals(3, store.summary(ObservationFilter.ALL, T0).totals().observations());
  }

  @Test
  void aGroupCommitsTogetherAndDeduplicatesWithinItself() {
    Batch one = new Batch(BatchId.random(), A, List.of(TestObservations.syn(T0, "198.51.100.7", 22, "zmap")), T0);
    Batch two = new Batch(BatchId.random(), B, List.of(TestObservations.syn(T0, "198.51.100.8", 22, "nmap"),
        TestObservations.syn(T0, "198.51.100.9", 22, "nmap")), T0);
    assertEquals(List.of(AppendResult.STORED, AppendResult.STORED, AppendResult.DUPLICATE),
        store.appendAll(List.of(one, two, one)));
    assertEquals(3, store.summary(ObservationFilter.ALL, T0).totals().observations());
    assertEquals(Map.of("nmap", 2L, "zmap", 1L), store.summary(ObservationFilter.ALL, T0).totals().byTool());
  }

  @Test
  void aNameFirstSeenInARolledBackGroupKeepsItsIdAndCountsNothing() {
    Batch newTool = new Batch(BatchId.random(), A, List.of(TestObservations.syn(T0, "198.51.100.7", 22, "brand-new")), T0);
    List<Observation> poison = new AbstractList<>() {
      @Override
      public Observation get(int i) {
        throw new IllegalStateException("broken");
      }

      @Override
      public int size() {
        return 1;
      }
    };
    assertThrows(IllegalStateException.class, () -> store.appendAll(List.of(newTool,
        new Batch(BatchId.random(), B, poison, T0))));
    // The tool's dictionary row was committed on its own (writers share names); no rows use it yet.
    assertEquals(Map.of(), store.summary(ObservationFilter.ALL, T0).totals().byTool());
    assertEquals(AppendResult.STORED, store.appendAll(List.of(newTool)).get(0));
    store.close();
    store = DuckDbStore.open(dir.resolve("hub.duckdb"), "256MB", 1);
    assertEquals(Map.of("brand-new", 1L), store.summary(ObservationFilter.ALL, T0).totals().byTool());
    assertEquals(1, store.summary(new ObservationFilter(null, null, null, null, null, "brand-new", null), T0)
        .totals().observations());
  }

  @Test
  void dedupSurvivesAReopen() {
    BatchId id = BatchId.random();
    store.append(id, A, List.of(TestObservations.syn(T0, "198.51.100.7", 22, "zmap")), T0);
    store.close();
    store = DuckDbStore.open(dir.resolve("hub.duckdb"), "256MB", 1);
    assertEquals(AppendResult.DUPLICATE,
        store.append(id, A, List.of(TestObservations.syn(T0, "198.51.100.7", 22, "zmap")), T0));
    assertEquals(1, store.summary(ObservationFilter.ALL, T0).totals().observations());
    assertEquals(4, store.schemaVersion());
  }

  @Test
  void aStoreNewerThanTheHubIsRefused() throws Exception {
    store.close();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("hub.duckdb"));
        Statement s = c.createStatement()) {
      s.execute("INSERT INTO schema_version (version, description) VALUES (99, 'from the future')");
    }
    StoreException e = assertThrows(StoreException.class,
        () -> DuckDbStore.open(dir.resolve("hub.duckdb"), "256MB", 1));
    assertTrue(e.getMessage().contains("schema version 99, newer than this hub knows (4)"), e.getMessage());
    store = DuckDbStore.open(dir.resolve("other.duckdb"), "256MB", 1);
  }

  @Test
  void retentionDeletesByAge() {
    store.append(BatchId.random(), A, List.of(TestObservations.syn(T0.minus(Duration.ofDays(40)), "198.51.100.1", 22, "zmap"),
        TestObservations.syn(T0, "198.51.100.2", 22, "zmap")), T0.minus(Duration.ofDays(40)));
    assertEquals(1, store.deleteOlderThan(T0.minus(Duration.ofDays(30))));
    assertEquals(1, store.summary(ObservationFilter.ALL, T0).totals().observations());
    assertTrue(store.nodeActivity().isEmpty(), "the batch record went with its age");
  }

  @Test
  void summaryCountsPerInstitutionNodeKindAndTool() {
    store.append(BatchId.random(), A, List.of(
        TestObservations.syn(T0.minusSeconds(30), "198.51.100.1", 22, "zmap"),
        TestObservations.syn(T0.minusSeconds(3000), "198.51.100.1", 23, "masscan"),
        TestObservations.backscatter(T0.minusSeconds(86_400), "203.0.113.1")), T0);
    store.append(BatchId.random(), B, List.of(TestObservations.syn(T0.minusSeconds(10), "198.51.100.1", 22, "zmap")), T0);
    Summary s = store.summary(ObservationFilter.ALL, T0);
    assertEquals(4, s.totals().observations());
    assertEquals(Map.of("probe", 3L, "backscatter", 1L), s.totals().byKind());
    assertEquals(Map.of("zmap", 2L, "masscan", 1L, "unknown", 1L), s.totals().byTool());
    assertEquals(2, s.totals().lastMinute());
    assertEquals(3, s.totals().lastHour());
    assertEquals(T0.minusSeconds(86_400), s.totals().firstSeen());
    assertEquals(List.of("uni-x", "uni-y"), s.institutions().stream().map(Summary.Institution::institution).toList());
    Summary.Node a = s.institutions().get(0).nodes().get(0);
    assertEquals("node-a", a.node());
    assertEquals(3, a.totals().observations());
    Summary filtered = store.summary(new ObservationFilter(null, null, null, null, 22, "zmap", TrafficKind.PROBE), T0);
    assertEquals(2, filtered.totals().observations());
  }

  @Test
  void timeseriesIsDenseAndSplitByKindAndTool() {
    store.append(BatchId.random(), A, List.of(
        TestObservations.syn(T0.plusSeconds(5), "198.51.100.1", 22, "zmap"),
        TestObservations.syn(T0.plusSeconds(65), "198.51.100.1", 22, "nmap"),
        TestObservations.backscatter(T0.plusSeconds(70), "203.0.113.1"),
        TestObservations.syn(T0.plusSeconds(600), "198.51.100.1", 22, "zmap")), T0);
    Timeseries ts = store.timeseries(ObservationFilter.ALL.withRange(T0.plusSeconds(30), T0.plusSeconds(300)),
        Duration.ofMinutes(1));
    assertEquals(T0, ts.from(), "from is rounded down to the bucket");
    assertEquals(5, ts.buckets().size());
    assertEquals(List.of(1L, 2L, 0L, 0L, 0L), ts.buckets().stream().map(Timeseries.Bucket::total).toList());
    assertEquals(Map.of("probe", 1L, "backscatter", 1L), ts.buckets().get(1).byKind());
    assertEquals(Map.of("nmap", 1L, "unknown", 1L), ts.buckets().get(1).byTool());
    assertEquals(T0.plusSeconds(60), ts.buckets().get(1).start());
  }

  @Test
  void topPortsAndSourcePrefixes() {
    store.append(BatchId.random(), A, List.of(
        TestObservations.syn(T0, "198.51.100.1", 22, "zmap"),
        TestObservations.syn(T0, "198.51.100.200", 22, "zmap"),
        TestObservations.syn(T0.plusSeconds(1), "198.51.100.9", 23, "zmap"),
        TestObservations.syn(T0, "2001:db8:aaaa:1::5", 445, "nmap"),
        TestObservations.syn(T0, "2001:db8:aaaa:2::6", 445, "nmap"),
        TestObservations.backscatter(T0, "203.0.113.1")), T0);
    store.append(BatchId.random(), B, List.of(TestObservations.syn(T0, "198.51.100.1", 22, "zmap")), T0);
    List<PortCount> ports = store.topPorts(ObservationFilter.ALL, 10);
    assertEquals(List.of(new PortCount("tcp", 22, 3, 2, 2), new PortCount("tcp", 445, 2, 2, 1),
        new PortCount("tcp", 23, 1, 1, 1)), ports);
    List<SourcePrefix> sources = store.topSources(ObservationFilter.ALL, 2);
    assertEquals("198.51.100.0/24", sources.get(0).prefix());
    assertEquals(4, sources.get(0).observations());
    assertEquals(3, sources.get(0).addresses());
    assertEquals(2, sources.get(0).ports());
    assertEquals(2, sources.get(0).nodes());
    assertEquals(T0.plusSeconds(1), sources.get(0).lastSeen());
    assertEquals("2001:db8:aaaa::/48", sources.get(1).prefix());
    assertEquals(2, sources.get(1).addresses());
    assertEquals(1, store.topSources(new ObservationFilter(null, null, "uni-y", null, null, null, null), 10).size());
  }

  @Test
  void aSessionKeepsItsFieldsAndItsFirstBytesComeBackEscaped() {
    byte[] first = "SSH-2.0-OpenSSH_9.2p1\r\n<script>\u0000".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    store.append(BatchId.random(), A, List.of(
        TestObservations.syn(T0, "198.51.100.1", 22, "zmap"),
        TestObservations.session(T0.plusSeconds(1), "198.51.100.7", 10022, first, "ssh", "openssh")), T0);
    store.append(BatchId.random(), B, List.of(
        TestObservations.session(T0.plusSeconds(2), "198.51.100.8", 10080, new byte[0], null, "unknown")), T0);
    List<StoredSession> all = store.sessions(ObservationFilter.ALL, 10);
    assertEquals(2, all.size(), "packets are not sessions");
    assertEquals("node-b", all.get(0).node(), "newest first");
    assertNull(all.get(0).application());
    assertEquals("", all.get(0).preview());
    StoredSession s = all.get(1);
    assertEquals("198.51.100.7", s.src());
    assertEquals(10022, s.dstPort());
    assertEquals("ssh", s.application());
    assertEquals("openssh", s.tool());
    assertEquals(first.length + 100L, s.bytesIn());
    assertEquals(42, s.bytesOut());
    assertEquals(1500, s.durationMillis());
    assertEquals("source-closed", s.end());
    assertEquals(first.length, s.firstBytesLength());
    assertEquals("SSH-2.0-OpenSSH_9.2p1\\r\\n\\x3cscript\\x3e\\x00", s.preview());
    assertEquals(FirstBytes.hex(first), s.previewHex());
    assertEquals("k1", s.anonKeyId());
    assertEquals(1, store.sessions(new ObservationFilter(null, null, null, "node-a", null, null, null), 10).size());
    assertEquals(1, store.sessions(ObservationFilter.ALL.withRange(T0, T0.plusSeconds(2)), 10).size());
    Summary summary = store.summary(ObservationFilter.ALL, T0);
    assertEquals(2, summary.totals().sessions());
    assertEquals(3, summary.totals().observations());
    assertEquals(1, summary.institutions().get(0).nodes().get(0).totals().sessions());
  }

  @Test
  void aStoreAtVersionOneKeepsItsRowsAndGainsSessions() throws Exception {
    store.close();
    Path old = dir.resolve("v1.duckdb");
    storeAtVersion(old, 1);
    store = DuckDbStore.open(old, "256MB", 2);
    assertEquals(4, store.schemaVersion());
    assertEquals(1, store.summary(ObservationFilter.ALL, T0).totals().observations());
    assertEquals(0, store.summary(ObservationFilter.ALL, T0).totals().sessions());
    // Rows from before the rollups are counted by them once the job ran.
    assertEquals(1, store.recountRollups());
    assertEquals(1, store.topSources(ObservationFilter.ALL, 10).get(0).observations());
    assertTrue(store.sessions(ObservationFilter.ALL, 10).isEmpty());
    store.append(BatchId.random(), A, List.of(
        TestObservations.session(T0, "198.51.100.7", 10022, new byte[] {1}, "unknown", "unknown")), T0);
    assertEquals(1, store.sessions(ObservationFilter.ALL, 10).size());
  }

  @Test
  void aStoreAtVersionThreeKeepsItsDirtyMarks() throws Exception {
    store.close();
    Path old = dir.resolve("v3.duckdb");
    storeAtVersion(old, 3);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + old); Statement s = c.createStatement()) {
      s.execute("INSERT INTO rollup_dirty VALUES (20000)"); // a day whose rows retention took, say
    }
    store = DuckDbStore.open(old, "256MB", 1);
    assertEquals(4, store.schemaVersion());
    // Day 0 (its row; the first open counts every day) and the mark carried over from version 3.
    assertEquals(2, store.recountRollups());
    assertEquals(0, store.recountRollups());
  }

  /** A store as a hub at schema {@code version} left it: the scripts up to it, and one row (node-a, ts 1). */
  private static void storeAtVersion(Path file, int version) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description VARCHAR NOT NULL, "
          + "applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
      for (int v = 1; v <= version; v++) {
        try (var in = DuckDbStoreTest.class.getClassLoader().getResourceAsStream("db/migration/" + v + ".sql")) {
          s.execute(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        s.execute("INSERT INTO schema_version (version, description) VALUES (" + v + ", 'v" + v + "')");
      }
      s.execute("INSERT INTO nodes VALUES (1, 'node-a', 'uni-x')");
      s.execute("INSERT INTO observations (ts_ns, node_id, ip_version, src_hi, src_lo, dst_hi, dst_lo, protocol, "
          + "tcp_options) VALUES (1, 1, 4, 0, 1, 0, 2, 6, ''::BLOB)");
    }
  }
}
