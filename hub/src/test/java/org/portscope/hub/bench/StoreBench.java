package org.portscope.hub.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.portscope.hub.store.Batch;
import org.portscope.hub.store.DuckDbStore;
import org.portscope.hub.store.ObservationFilter;
import org.portscope.sensor.api.wire.BatchId;
import org.portscope.sensor.api.wire.BatchMessage;
import org.portscope.sensor.api.wire.Compression;

/**
 * Figures for the hub README: ingest rate into the store and the dashboard's queries at N stored
 * observations. Not a test (it takes minutes); run from the repository root after
 * {@code mvn -pl hub -am install -DskipTests} and {@code mvn -pl hub test-compile}:
 * <pre>
 * java -Xmx1g -cp hub/target/portscope-hub.jar:hub/target/test-classes \
 *     org.portscope.hub.bench.StoreBench --rows 10000000 --dir /tmp/hub-bench
 * </pre>
 * {@code --queries-only} measures the queries again on the store a previous run left in the folder.
 * Ingest runs as the hub's ingest threads do: {@code --writers} threads (default: the store's
 * default writers) each append one group at a time, once with one batch per commit (an idle hub)
 * and once with {@code --group} batches per commit (group commit when busy). Its rate is over the
 * wall time of the whole ingest, generating the rows included (about 3 % of it). The wire decode
 * rate (inflate + decode of BATCH bodies, done on other threads than the store's) is measured
 * separately.
 */
public final class StoreBench {
  private StoreBench() {}

  public static void main(String[] args) throws Exception {
    List<String> a = Arrays.asList(args);
    long rows = Long.parseLong(value(a, "--rows", "10000000"));
    int batchSize = Integer.parseInt(value(a, "--batch", "10000"));
    int repeats = Integer.parseInt(value(a, "--repeats", "5"));
    Path dir = Path.of(value(a, "--dir", "/tmp/hub-bench"));
    Files.createDirectories(dir);
    Path file = dir.resolve("bench.duckdb");
    Instant end = Instant.parse("2025-03-31T00:00:00Z");
    if (a.contains("--queries-only")) {
      // The store a previous run left, e.g. to measure a changed query without ingesting again.
      try (DuckDbStore store = DuckDbStore.open(file, value(a, "--memory", "1GB"), 1)) {
        store.recountRollups();
        queries(store, end, repeats);
        baseline(file, value(a, "--memory", "1GB"), repeats);
      }
      return;
    }
    Files.deleteIfExists(file);
    Files.deleteIfExists(dir.resolve("bench.duckdb.wal"));
    SyntheticTraffic traffic = new SyntheticTraffic(end, Duration.ofDays(30), rows);
    decodeRate(traffic, batchSize);
    int group = Integer.parseInt(value(a, "--group", "10"));
    int writers = Integer.parseInt(value(a, "--writers", Integer.toString(DuckDbStore.DEFAULT_WRITERS)));
    long single = Math.min(rows, 1_000_000);
    Path singleFile = dir.resolve("single.duckdb");
    Files.deleteIfExists(singleFile);
    try (DuckDbStore store = DuckDbStore.open(singleFile, value(a, "--memory", "1GB"), 1, writers)) {
      ingest(store, new SyntheticTraffic(end, Duration.ofDays(30), single), single, batchSize, 1);
    }
    Files.deleteIfExists(singleFile);
    try (DuckDbStore store = DuckDbStore.open(file, value(a, "--memory", "1GB"), 1, writers)) {
      ingest(store, new SyntheticTraffic(end, Duration.ofDays(30), rows), rows, batchSize, group);
      recount(store, rows);
      System.out.printf("store file: %.0f MB for %,d observations%n", Files.size(file) / 1e6, rows);
      queries(store, end, repeats);
      baseline(file, value(a, "--memory", "1GB"), repeats);
    }
  }

  private static void decodeRate(SyntheticTraffic traffic, int batchSize) throws Exception {
    List<BatchMessage> batches = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      batches.add(BatchMessage.of(BatchId.random(), traffic.next(batchSize), Compression.DEFLATE));
    }
    long decoded = 0;
    long start = System.nanoTime();
    for (int round = 0; round < 5; round++) {
      for (BatchMessage b : batches) {
        decoded += b.observations().size();
      }
    }
    double s = (System.nanoTime() - start) / 1e9;
    System.out.printf("wire decode (inflate + records): %,.0f observations/s (%,d in %.2f s; %d bytes/observation compressed)%n",
        decoded / s, decoded, s, batches.get(0).body().length / batchSize);
  }

  private static void ingest(DuckDbStore store, SyntheticTraffic traffic, long rows, int batchSize, int group)
      throws InterruptedException {
    long[] generated = {0, 0}; // rows, batches; under the traffic's lock
    AtomicLong stored = new AtomicLong();
    AtomicLong nextReport = new AtomicLong(1_000_000);
    long cpuStart = cpuNanos();
    long start = System.nanoTime();
    Runnable writer = () -> {
      while (true) {
        List<Batch> batches = new ArrayList<>();
        synchronized (traffic) {
          for (int g = 0; g < group && generated[0] < rows; g++) {
            int n = (int) Math.min(batchSize, rows - generated[0]);
            batches.add(new Batch(BatchId.random(), traffic.peerOf(generated[1]++), traffic.next(n), Instant.now()));
            generated[0] += n;
          }
        }
        if (batches.isEmpty()) {
          return;
        }
        store.appendAll(batches);
        long done = stored.addAndGet(batches.stream().mapToLong(b -> b.observations().size()).sum());
        long report = nextReport.get();
        if (done >= report && nextReport.compareAndSet(report, report + 1_000_000)) {
          System.out.printf("  %,d stored, %,.0f/s%n", done, done / ((System.nanoTime() - start) / 1e9));
        }
      }
    };
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < store.concurrentAppends(); i++) {
      threads.add(new Thread(writer, "bench-ingest-" + i));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    double wall = (System.nanoTime() - start) / 1e9;
    double cpu = (cpuNanos() - cpuStart) / 1e9;
    System.out.printf("ingest, %d writer(s), %d batch(es) of %,d per commit: %,d observations, %,.0f observations/s "
        + "(%.1f s wall, generating included); %,.0f observations per CPU-second (%.1f s CPU, all threads); %s%n",
        store.concurrentAppends(), group, batchSize, stored.get(), stored.get() / wall, wall, stored.get() / cpu, cpu,
        load());
  }

  /** The hub's rollup job after the ingest: every day the ingest wrote to is dirty. */
  private static void recount(DuckDbStore store, long rows) {
    long c = cpuNanos();
    long t = System.nanoTime();
    int days = store.recountRollups();
    double s = (System.nanoTime() - t) / 1e9;
    double cpu = (cpuNanos() - c) / 1e9;
    System.out.printf("rollup recount (the hub's minutely job) of %d days: %.1f s wall, %.1f s CPU "
        + "(%,.0f observations per CPU-second; %,.0f/s wall); %s%n", days, s, cpu, rows / cpu, rows / s, load());
  }

  private static void queries(DuckDbStore store, Instant end, int repeats) {
    System.out.println("queries, " + load());
    ObservationFilter all = ObservationFilter.ALL;
    ObservationFilter day = all.withRange(end.minus(Duration.ofDays(1)), end);
    ObservationFilter nodePort = new ObservationFilter(null, null, null, "node-c", 445, null, null);
    time("summary (all)", repeats, () -> store.summary(all, end));
    time("summary (last 24 h)", repeats, () -> store.summary(day, end));
    time("summary (node + port)", repeats, () -> store.summary(nodePort, end));
    time("observations (newest 100)", repeats, () -> store.observations(all, 100));
    time("observations (node + port, 1000)", repeats, () -> store.observations(nodePort, 1000));
    time("timeseries (30 d, 1 h buckets)", repeats, () -> store.timeseries(all.withRange(end.minus(Duration.ofDays(30)), end), Duration.ofHours(1)));
    time("timeseries (24 h, 1 m buckets)", repeats, () -> store.timeseries(day, Duration.ofMinutes(1)));
    time("timeseries (7 d, 2 h buckets)", repeats, () -> store.timeseries(all.withRange(end.minus(Duration.ofDays(7)), end), Duration.ofHours(2)));
    time("top ports (last 24 h)", repeats, () -> store.topPorts(day, 10));
    time("top ports (all)", repeats, () -> store.topPorts(all, 10));
    time("top sources (all)", repeats, () -> store.topSources(all, 10));
    time("top sources (last 24 h)", repeats, () -> store.topSources(day, 10));
    time("nodes (batch ledger)", repeats, store::nodeActivity);
  }

  /**
   * The same machine's raw scan rate in the same run: one group-by over every stored row, what each
   * long-window query cost before the rollups. Through a second connection to the open database.
   */
  private static void baseline(Path file, String memory, int repeats) throws Exception {
    java.util.Properties sameConfig = new java.util.Properties();
    sameConfig.setProperty("memory_limit", memory); // DuckDB refuses a second connection configured otherwise
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), sameConfig);
        Statement s = c.createStatement()) {
      time("baseline: GROUP BY port, all raw rows", repeats, () -> {
        try (ResultSet rs = s.executeQuery("SELECT protocol, dst_port, count(*) AS n FROM observations "
            + "GROUP BY ALL ORDER BY n DESC LIMIT 10")) {
          return rs.next();
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      });
    }
  }

  private static void time(String name, int repeats, Supplier<?> query) {
    query.get(); // warm-up: first touch of the columns
    long[] ms = new long[repeats];
    long[] cpu = new long[repeats];
    for (int i = 0; i < repeats; i++) {
      long c = cpuNanos();
      long t = System.nanoTime();
      query.get();
      ms[i] = (System.nanoTime() - t) / 1_000_000;
      cpu[i] = (cpuNanos() - c) / 1_000_000;
    }
    Arrays.sort(ms);
    Arrays.sort(cpu);
    System.out.printf("query %-36s median %5d ms, max %5d ms; CPU median %5d ms (all threads)%n", name,
        ms[repeats / 2], ms[repeats - 1], cpu[repeats / 2]);
  }

  /**
   * CPU time of the whole process (the JVM and DuckDB's native threads): on a shared machine wall
   * time measures the neighbours too; CPU time says what the work itself costs.
   */
  static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static String load() {
    return String.format("load average %.1f on %d cores",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Runtime.getRuntime().availableProcessors());
  }

  private static String value(List<String> args, String name, String byDefault) {
    int i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : byDefault;
  }
}
