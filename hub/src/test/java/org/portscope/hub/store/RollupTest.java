package org.portscope.hub.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.hub.TestObservations;
import org.portscope.hub.peer.Peer;
import org.portscope.sensor.api.IpAddress;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.wire.BatchId;

/**
 * The rollup path of top ports, top sources, the summary and the timeseries gives what grouping the
 * raw rows gives (top-N against counts computed here, summary and timeseries against a store that
 * never recounted, so answers from raw rows alone): over whole
 * days, with part days at the edges, with days not recounted yet, late batches, retention and a
 * rollup reset.
 * Every distinct count here is below the sketch size, so it must be exact.
 */
class RollupTest {
  static final Instant DAY0 = Instant.parse("2025-03-01T00:00:00Z");
  static final Peer A = DuckDbStoreTest.A;
  static final Peer B = DuckDbStoreTest.B;
  static final Peer C = new Peer("node-c", "uni-x", IpAddress.parse("10.77.0.4"));

  @TempDir Path dir;
  DuckDbStore store;
  /** The same batches, never recounted: every day dirty, so it answers from raw rows alone. */
  DuckDbStore rawOnly;
  /** What was stored, with the peer it came from. */
  final List<Stored> stored = new ArrayList<>();

  record Stored(Peer peer, Observation o) {}

  @BeforeEach
  void open() {
    store = DuckDbStore.open(dir.resolve("hub.duckdb"), "256MB", 2);
    rawOnly = DuckDbStore.open(dir.resolve("raw.duckdb"), "256MB", 1);
    SplittableRandom random = new SplittableRandom(7);
    int[] ports = {22, 23, 80, 443, 8080, 2323};
    for (int batch = 0; batch < 24; batch++) {
      Peer peer = List.of(A, B, C).get(batch % 3);
      List<Observation> obs = new ArrayList<>();
      for (int i = 0; i < 120; i++) {
        // four days in time order, batch by batch
        Instant at = DAY0.plusSeconds((batch * 120L + i) * 4 * 86_400 / (24 * 120));
        // 5 x 40 IPv4 + 5 x 8 IPv6 sources: every distinct count stays below the sketch size
        int prefix = random.nextInt(5);
        String src = random.nextInt(10) == 0 ? "2001:db8:" + prefix + "::" + Integer.toHexString(random.nextInt(8))
            : "198.51." + (100 + prefix) + "." + random.nextInt(40);
        obs.add(random.nextInt(15) == 0 && !src.contains(":") ? TestObservations.backscatter(at, src)
            : TestObservations.syn(at, src, ports[random.nextInt(ports.length)], batch % 2 == 0 ? "zmap" : "nmap"));
      }
      append(peer, obs);
      if (batch == 12) {
        assertEquals(3, store.recountRollups()); // days 0-2 counted; day 2 gets more rows below
      }
    }
    // A late batch (a node's spool after an outage) into the first day, counted long ago.
    append(A, List.of(TestObservations.syn(DAY0.plusSeconds(3600), "198.51.100.250", 22, "zmap"),
        TestObservations.syn(DAY0.plusSeconds(7200), "203.0.113.5", 5555, "masscan")));
  }

  private void append(Peer peer, List<Observation> obs) {
    BatchId id = BatchId.random();
    store.append(id, peer, obs, DAY0);
    rawOnly.append(id, peer, obs, DAY0);
    obs.forEach(o -> stored.add(new Stored(peer, o)));
  }

  @AfterEach
  void close() {
    store.close();
    rawOnly.close();
  }

  @Test
  void topsMatchTheRawRowsForEveryKindOfRange() {
    allRanges(); // days 0 and 2 dirty again, day 1 counted, day 3 never counted
    store.recountRollups();
    allRanges(); // every day from the rollups
  }

  private void allRanges() {
    Instant midDay1 = DAY0.plus(Duration.ofHours(30));
    Instant midDay3 = DAY0.plus(Duration.ofHours(80));
    Instant day1 = DAY0.plus(Duration.ofDays(1));
    Instant day3 = DAY0.plus(Duration.ofDays(3));
    for (ObservationFilter f : List.of(ObservationFilter.ALL,
        ObservationFilter.ALL.withRange(midDay1, midDay3),          // part days at both edges
        ObservationFilter.ALL.withRange(day1, day3),                // whole days only
        ObservationFilter.ALL.withRange(midDay1, null),             // open end
        ObservationFilter.ALL.withRange(null, midDay3),             // open start
        ObservationFilter.ALL.withRange(midDay1, midDay1.plusSeconds(7200)), // no whole day: raw only
        new ObservationFilter(midDay1, null, null, "node-b", null, null, null),
        new ObservationFilter(null, midDay3, "uni-x", null, null, null, null),
        new ObservationFilter(midDay1, midDay3, null, null, 22, null, null),
        new ObservationFilter(midDay1, midDay3, null, null, null, "zmap", null))) {
      assertTops(f);
      // the last minute and hour of the summary: the late batch's rows are at DAY0 + 1-2 h
      Instant now = DAY0.plusSeconds(3630);
      assertEquals(rawOnly.summary(f, now), store.summary(f, now), "summary for " + f);
    }
    for (ObservationFilter f : List.of(ObservationFilter.ALL.withRange(DAY0.plus(Duration.ofMinutes(90)), midDay3),
        new ObservationFilter(DAY0, DAY0.plus(Duration.ofDays(4)), null, "node-a", null, "zmap", null),
        new ObservationFilter(midDay1, midDay3, "uni-y", null, null, null, org.portscope.sensor.api.TrafficKind.BACKSCATTER),
        new ObservationFilter(midDay1, midDay3, null, null, 23, null, null))) {
      for (Duration bucket : List.of(Duration.ofHours(1), Duration.ofHours(2), Duration.ofMinutes(90), Duration.ofDays(1))) {
        assertEquals(rawOnly.timeseries(f, bucket), store.timeseries(f, bucket), bucket + " buckets for " + f);
      }
    }
  }

  @Test
  void retentionMatchesTheRollupsToTheRowsLeft() {
    store.recountRollups();
    Instant cutoff = DAY0.plus(Duration.ofHours(40));
    store.deleteOlderThan(cutoff);
    stored.removeIf(s -> s.o().timestampNanos() < Nanos.of(cutoff));
    assertTops(ObservationFilter.ALL);
    store.recountRollups();
    assertTops(ObservationFilter.ALL);
    assertTops(ObservationFilter.ALL.withRange(DAY0, DAY0.plus(Duration.ofDays(3))));
  }

  @Test
  void queriesReadTheRollupsAndRollupsFromAnotherHashAreRecounted() throws Exception {
    store.recountRollups();
    store.close();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("hub.duckdb"));
        Statement s = c.createStatement()) {
      s.execute("UPDATE rollup_ports SET n = n + 1000 WHERE dst_port = 22");
      s.execute("UPDATE rollup_counts SET n = n + 1 WHERE day = 20149"); // day 1 (2025-03-02)
    }
    store = DuckDbStore.open(dir.resolve("hub.duckdb"), "256MB", 2);
    rawOnly = DuckDbStore.open(dir.resolve("raw.duckdb"), "256MB", 1);
    long raw = stored.stream().filter(s -> s.o().dstPort() == 22).count();
    long tampered = store.topPorts(new ObservationFilter(null, null, null, null, 22, null, null), 1).get(0).observations();
    assertTrue(tampered > raw + 1000, "the answer came from the rollups: " + tampered + " vs " + raw + " raw");
    long total = store.summary(ObservationFilter.ALL, DAY0).totals().observations();
    assertTrue(total > stored.size(), "the summary came from the rollups: " + total + " vs " + stored.size());
    Timeseries day1 = store.timeseries(ObservationFilter.ALL.withRange(DAY0, DAY0.plus(Duration.ofDays(4))), Duration.ofDays(1));
    assertTrue(day1.buckets().get(1).total() > stored.stream().filter(s -> Rollups.day(s.o().timestampNanos()) == 20149).count(),
        "the timeseries came from the rollups");
    store.close();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("hub.duckdb"));
        Statement s = c.createStatement()) {
      s.execute("UPDATE rollup_state SET hash_check = 1"); // as if another DuckDB's hash() had counted them
    }
    store = DuckDbStore.open(dir.resolve("hub.duckdb"), "256MB", 2);
    rawOnly = DuckDbStore.open(dir.resolve("raw.duckdb"), "256MB", 1);
    assertTops(ObservationFilter.ALL); // every day dirty: raw rows answer
    assertEquals(4, store.recountRollups());
    assertTops(ObservationFilter.ALL);
  }

  @Test
  void aLargeDistinctCountIsEstimatedWithinTheSketchError() {
    List<Observation> obs = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      obs.add(TestObservations.syn(DAY0.plus(Duration.ofDays(10)).plusMillis(i), "2001:db8:ffff::" + Integer.toHexString(i), 6379, "zmap"));
    }
    store.append(BatchId.random(), A, obs, DAY0);
    PortCount redis = store.topPorts(new ObservationFilter(null, null, null, null, 6379, null, null), 1).get(0);
    assertEquals(20_000, redis.observations());
    // k = 256: standard error ~6 %; this fixed input lands well inside 15 %.
    assertTrue(Math.abs(redis.sources() - 20_000) < 3_000, "estimated " + redis.sources() + " of 20000 sources");
  }

  @Test
  void sketchesMergedFromTheirFrontsGiveWhatWholeSketchesGive() {
    // 12 days x 3 nodes x 100 sources each, all different: 3,600 behind port 9200, 36 sketch rows,
    // so the merge of each row's first values decides (and says so) without the whole rows.
    for (int day = 0; day < 12; day++) {
      for (Peer peer : List.of(A, B, C)) {
        List<Observation> obs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
          obs.add(TestObservations.syn(DAY0.plus(Duration.ofDays(20 + day)).plusSeconds(i),
              "2001:db8:9200:" + day + ":" + peer.name().charAt(5) + "::" + Integer.toHexString(i), 9200, "zmap"));
        }
        append(peer, obs);
      }
    }
    store.recountRollups();
    ObservationFilter port = new ObservationFilter(null, null, null, null, 9200, null, null);
    PortCount merged = store.topPorts(port, 1).get(0);
    assertEquals(rawOnly.topPorts(port, 1), List.of(merged), "rollup fronts vs whole sketches of raw rows");
    assertEquals(3_600, merged.observations());
    assertTrue(Math.abs(merged.sources() - 3_600) < 540, "estimated " + merged.sources() + " of 3600 sources");
  }

  private void assertTops(ObservationFilter f) {
    List<Stored> rows = stored.stream().filter(matching(f)).toList();
    Map<String, long[]> ports = new TreeMap<>();
    Map<String, Set<String>> portSources = new TreeMap<>();
    Map<String, Set<String>> portNodes = new TreeMap<>();
    Map<String, long[]> prefixes = new TreeMap<>();
    Map<String, Set<String>> prefixSources = new TreeMap<>();
    Map<String, Set<Integer>> prefixPorts = new TreeMap<>();
    Map<String, Set<String>> prefixNodes = new TreeMap<>();
    for (Stored s : rows) {
      Observation o = s.o();
      String src = o.src().toString();
      if (o.dstPort() >= 0) {
        String key = o.protocol().label() + "/" + o.dstPort();
        ports.computeIfAbsent(key, k -> new long[1])[0]++;
        portSources.computeIfAbsent(key, k -> new HashSet<>()).add(src);
        portNodes.computeIfAbsent(key, k -> new HashSet<>()).add(s.peer().name());
        prefixPorts.computeIfAbsent(prefix(o), k -> new HashSet<>()).add(o.dstPort());
      }
      long[] p = prefixes.computeIfAbsent(prefix(o), k -> new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE});
      p[0]++;
      p[1] = Math.min(p[1], o.timestampNanos());
      p[2] = Math.max(p[2], o.timestampNanos());
      prefixSources.computeIfAbsent(prefix(o), k -> new HashSet<>()).add(src);
      prefixNodes.computeIfAbsent(prefix(o), k -> new HashSet<>()).add(s.peer().name());
    }
    Map<String, String> expectedPorts = new TreeMap<>();
    ports.forEach((k, n) -> expectedPorts.put(k, n[0] + " obs, " + portSources.get(k).size() + " sources, "
        + portNodes.get(k).size() + " nodes"));
    Map<String, String> actualPorts = new TreeMap<>();
    List<PortCount> top = store.topPorts(f, 100);
    top.forEach(p -> actualPorts.put(p.protocol() + "/" + p.port(), p.observations() + " obs, " + p.sources()
        + " sources, " + p.nodes() + " nodes"));
    assertEquals(expectedPorts, actualPorts, "top ports for " + f);
    assertSorted(top.stream().map(PortCount::observations).toList(), f);

    Map<String, String> expectedSources = new TreeMap<>();
    prefixes.forEach((k, p) -> expectedSources.put(k, p[0] + " obs, " + prefixSources.get(k).size() + " sources, "
        + prefixPorts.getOrDefault(k, Set.of()).size() + " ports, " + prefixNodes.get(k).size() + " nodes, "
        + Nanos.toInstant(p[1]) + ".." + Nanos.toInstant(p[2])));
    Map<String, String> actualSources = new TreeMap<>();
    List<SourcePrefix> topSources = store.topSources(f, 100);
    topSources.forEach(s -> actualSources.put(s.prefix(), s.observations() + " obs, " + s.addresses() + " sources, "
        + s.ports() + " ports, " + s.nodes() + " nodes, " + s.firstSeen() + ".." + s.lastSeen()));
    assertEquals(expectedSources, actualSources, "top sources for " + f);
    assertSorted(topSources.stream().map(SourcePrefix::observations).toList(), f);
  }

  private static void assertSorted(List<Long> counts, ObservationFilter f) {
    assertEquals(counts.stream().sorted(Comparator.reverseOrder()).toList(), counts, "order for " + f);
  }

  private static String prefix(Observation o) {
    if (o.ipVersion() == 4) {
      return IpAddress.ofV4((int) (o.src().lo() & 0xFFFF_FF00L)) + "/24";
    }
    return IpAddress.ofV6(o.src().hi() & -65536L, 0) + "/48";
  }

  private static Predicate<Stored> matching(ObservationFilter f) {
    return s -> (f.from() == null || s.o().timestampNanos() >= Nanos.of(f.from()))
        && (f.to() == null || s.o().timestampNanos() < Nanos.of(f.to()))
        && (f.node() == null || f.node().equals(s.peer().name()))
        && (f.institution() == null || f.institution().equals(s.peer().institution()))
        && (f.port() == null || f.port() == s.o().dstPort())
        && (f.tool() == null || f.tool().equals(s.o().fingerprint().tool()));
  }
}
