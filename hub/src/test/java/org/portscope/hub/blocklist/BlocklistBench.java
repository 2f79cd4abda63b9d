package org.portscope.hub.blocklist;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.portscope.hub.store.DuckDbStore;
import org.portscope.hub.store.ObservationFilter;

/**
 * The blocklist query's time on a store that {@code StoreBench} filled (30 days ending
 * 2025-03-31, four nodes in two institutions). Not a test; from the repository root, after
 * StoreBench made {@code /tmp/hub-bench/bench.duckdb} and {@code mvn -pl hub test-compile}:
 * <pre>
 * java -Xmx1g -cp hub/target/portscope-hub.jar:hub/target/test-classes \
 *     org.portscope.hub.blocklist.BlocklistBench /tmp/hub-bench/bench.duckdb
 * </pre>
 * It opens a copy, so StoreBench's file is left as it was.
 */
public final class BlocklistBench {
  private static final Instant END = Instant.parse("2025-03-31T00:00:00Z");

  private BlocklistBench() {}

  public static void main(String[] args) throws Exception {
    Path copy = Files.createTempFile("blocklist-bench", ".duckdb");
    Files.copy(Path.of(args.length > 0 ? args[0] : "/tmp/hub-bench/bench.duckdb"), copy,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    try (DuckDbStore store = DuckDbStore.open(copy, "1GB", 1)) {
      System.out.printf("%,d observations%n", store.summary(ObservationFilter.ALL, END).totals().observations());
      run(store, "node node-a, 1d", Duration.ofDays(1), null, "node-a");
      run(store, "node node-a, 7d", Duration.ofDays(7), null, "node-a");
      run(store, "institution uni-x, 7d", Duration.ofDays(7), "uni-x", null);
      run(store, "institution uni-x, 30d", Duration.ofDays(30), "uni-x", null);
    } finally {
      Files.deleteIfExists(copy);
      Files.deleteIfExists(Path.of(copy + ".wal"));
    }
  }

  private static void run(DuckDbStore store, String what, Duration window, String institution, String node) {
    ObservationFilter f = new ObservationFilter(END.minus(window), END, institution, node, null, null, null);
    long best = Long.MAX_VALUE;
    int listed = 0;
    for (int i = 0; i < 3; i++) {
      long t = System.nanoTime();
      listed = store.scoredSources(f, null, BlocklistHandler.SCORE, BlocklistRequest.DEFAULT_MIN_SCORE,
          BlocklistRequest.DEFAULT_LIMIT + 1).size();
      best = Math.min(best, System.nanoTime() - t);
    }
    System.out.printf("%-24s %,7d sources listed, best of 3: %,6.0f ms%n", what, listed, best / 1e6);
  }
}
