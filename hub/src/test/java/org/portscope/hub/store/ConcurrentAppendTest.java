package org.portscope.hub.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * The store's writers side by side: one batch in two writers' transactions is stored once, and
 * the rollup recount running beside ingest never leaves a clean day whose rollups miss rows.
 */
class ConcurrentAppendTest {
  static final Instant DAY0 = Instant.parse("2025-03-01T00:00:00Z");
  static final Peer A = new Peer("node-a", "uni-x", IpAddress.parse("10.77.0.2"));
  static final Peer B = new Peer("node-b", "uni-x", IpAddress.parse("10.77.0.3"));

  @TempDir Path dir;
  DuckDbStore store;
  ExecutorService threads = Executors.newFixedThreadPool(2);

  @BeforeEach
  void open() {
    store = DuckDbStore.open(dir.resolve("hub.duckdb"), "256MB", 2, 2);
  }

  @AfterEach
  void close() {
    threads.shutdownNow();
    store.close();
  }

  @Test
  void aBatchInTwoWritersTransactionsIsStoredOnce() throws Exception {
    assertEquals(2, store.concurrentAppends());
    Batch resent = new Batch(BatchId.random(), A, syns(DAY0, 3, 22), DAY0);
    // Each group ends with a batch that waits until both transactions hold the resent batch's ledger row.
    CountDownLatch bothInside = new CountDownLatch(2);
    List<List<Batch>> groups = List.of(List.of(resent, gate(A, bothInside)), List.of(resent, gate(B, bothInside)));
    List<Future<List<AppendResult>>> calls = new ArrayList<>();
    for (List<Batch> group : groups) {
      calls.add(threads.submit(() -> store.appendAll(group)));
    }
    List<Integer> failed = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      try {
        assertEquals(List.of(AppendResult.STORED, AppendResult.STORED), calls.get(g).get(60, TimeUnit.SECONDS));
      } catch (ExecutionException e) {
        assertTrue(e.getCause() instanceof StoreException, e.getCause().toString());
        failed.add(g);
      }
    }
    assertEquals(1, failed.size(), "the second commit of the same batch id fails");
    // The ingestor retries a failed group one batch at a time: the resent batch is then a duplicate.
    List<Batch> retried = groups.get(failed.get(0));
    assertEquals(AppendResult.DUPLICATE, store.appendAll(List.of(retried.get(0))).get(0));
    assertEquals(AppendResult.STORED, store.appendAll(List.of(retried.get(1))).get(0));
    assertEquals(3 + 2 + 2, store.summary(ObservationFilter.ALL, DAY0).totals().observations());
  }

  @Test
  void theRecountBesideIngestLeavesNoCleanDayMissingRows() throws Exception {
    int batches = 300;
    Map<Integer, Long> expected = new HashMap<>();
    List<Batch> sent = new ArrayList<>();
    for (int i = 0; i < batches; i++) {
      // Two days, so that recounts of a finished day and of the day being written both happen.
      Instant at = DAY0.plus(Duration.ofMinutes(10L * i));
      List<Observation> obs = syns(at, 20, 1000 + i % 7);
      sent.add(new Batch(BatchId.random(), i % 2 == 0 ? A : B, obs, at));
      expected.merge(1000 + i % 7, (long) obs.size(), Long::sum);
    }
    // Both writers commit while the recount loops: one takes the even batches, the other the odd.
    AtomicInteger writing = new AtomicInteger(2);
    List<Future<?>> ingest = new ArrayList<>();
    for (int first : new int[] {0, 1}) {
      ingest.add(threads.submit(() -> {
        try {
          for (int i = first; i < batches; i += 2) {
            store.appendAll(List.of(sent.get(i)));
          }
        } finally {
          writing.decrementAndGet();
        }
      }));
    }
    int recounts = 0;
    int daysRecounted = 0;
    while (writing.get() > 0) {
      daysRecounted += store.recountRollups();
      recounts++;
    }
    for (Future<?> f : ingest) {
      f.get(60, TimeUnit.SECONDS);
    }
    assertTrue(daysRecounted > 0, "the recount ran " + recounts + " times beside ingest");
    // No final recount: whatever the rollups answer for clean days must equal the raw rows.
    long total = expected.values().stream().mapToLong(Long::longValue).sum();
    assertEquals(total, store.summary(ObservationFilter.ALL, DAY0).totals().observations(),
        "after " + recounts + " recounts (" + daysRecounted + " days)");
    Map<Integer, Long> ports = new HashMap<>();
    store.topPorts(ObservationFilter.ALL, 20).forEach(p -> ports.put(p.port(), p.observations()));
    assertEquals(expected, ports);
    store.recountRollups();
    assertEquals(total, store.summary(ObservationFilter.ALL, DAY0).totals().observations());
  }

  private static List<Observation> syns(Instant at, int n, int port) {
    List<Observation> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(TestObservations.syn(at.plusMillis(i), "198.51.100." + (i % 250 + 1), port, "zmap"));
    }
    return out;
  }

  /** A batch of two observations whose reading waits until {@code latch} has counted every writer. */
  private static Batch gate(Peer peer, CountDownLatch latch) {
    List<Observation> two = syns(DAY0.plusSeconds(30), 2, 8080);
    List<Observation> waiting = new AbstractList<>() {
      @Override
      public Observation get(int i) {
        if (i == 0) {
          latch.countDown();
          try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
              throw new IllegalStateException("the other writer never got inside its transaction");
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
        }
        return two.get(i);
      }

      @Override
      public int size() {
        return two.size();
      }
    };
    return new Batch(BatchId.random(), peer, waiting, DAY0);
  }
}
