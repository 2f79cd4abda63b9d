package org.portscope.plugin.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.wire.BatchId;
import org.portscope.sensor.api.wire.BatchMessage;
import org.portscope.sensor.api.wire.WireFormatException;

/**
 * The forwarder against a collector on loopback ({@link TestHub}, written against the wire
 * package): delivery, hub outages, lost ACKs, refusals, a sensor restart, the spool bound, and the
 * rate {@code accept} sustains. Every wait is on an event (a counter or the hub's store reaching a
 * value), bounded by {@link #PATIENCE}.
 */
class CollectorForwarderIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir
  Path dir;

  /** The clock stands still unless a test moves it, so a batch is sealed by age only on purpose. */
  private TestContext ctx;

  @BeforeEach
  void context() {
    ctx = new TestContext(dir, false);
  }

  private CollectorForwarder forwarder(TestHub hub, Object... settings) {
    List<Object> all = new ArrayList<>(List.of("batch-size", 100, "batch-age", "20ms", "backoff-max", "200ms"));
    all.addAll(List.of(settings));
    CollectorForwarder f = CollectorForwarderTest.create(ctx, "127.0.0.1:" + hub.port(), all.toArray());
    f.start();
    return f;
  }

  private static List<Observation> range(long from, long to) {
    return LongStream.range(from, to).mapToObj(Samples::syn).toList();
  }

  /** Accepts all, then lets the open batch age and flushes, as the idle pipeline would. */
  private void acceptAll(CollectorForwarder f, List<Observation> obs) {
    obs.forEach(f::accept);
    ctx.millis.addAndGet(60_000);
    f.flush();
  }

  /** Nothing twice: every batch id arrived once, or was answered DUPLICATE on the resends. */
  private static void assertStoredOnce(TestHub hub, List<Observation> expected) {
    assertEquals(expected.size(), hub.stored().size(), "observations stored");
    assertEquals(expected, hub.stored(), "stored in the order accepted, each once");
    assertEquals(hub.storedOrder().size(), new HashSet<>(hub.storedOrder()).size());
  }

  @Test
  void everythingAcceptedArrivesOnceAndInOrder() throws Exception {
    try (TestHub hub = TestHub.start()) {
      CollectorForwarder f = forwarder(hub);
      List<Observation> sent = range(0, 20_000);
      acceptAll(f, sent);
      f.close();
      hub.awaitStored(sent.size(), PATIENCE);
      assertStoredOnce(hub, sent);
      assertEquals(200, ctx.metrics.value("batches_acked"));
      assertTrue(hub.receipts().values().stream().allMatch(n -> n == 1), "no resend without a reason");
      assertEquals(0, ctx.metrics.value("spool_dropped"));
    }
  }

  @Test
  void aHubThatIsDownThenUpGetsEverythingInOrderNothingTwice() throws Exception {
    int port = TestHub.freePort();
    try (TestHub hub = TestHub.down(port)) {
      CollectorForwarder f = forwarder(hub);
      List<Observation> first = range(0, 5_000);
      acceptAll(f, first);
      ctx.metrics.await("batches_spooled", 50, PATIENCE);
      ctx.metrics.await("reconnects", 3, PATIENCE); // it kept trying while the hub was down
      hub.listen(port);
      hub.awaitStored(5_000, PATIENCE);

      hub.stop(); // down again, in the middle of the stream
      long retries = ctx.metrics.value("reconnects");
      List<Observation> second = range(5_000, 12_000);
      acceptAll(f, second);
      ctx.metrics.await("batches_spooled", 120, PATIENCE);
      ctx.metrics.await("reconnects", retries + 3, PATIENCE);
      hub.listen(port);
      hub.awaitStored(12_000, PATIENCE);
      f.close();

      List<Observation> all = new ArrayList<>(first);
      all.addAll(second);
      assertStoredOnce(hub, all);
      assertEquals(12_000, ctx.metrics.value("observations_forwarded"));
    }
  }

  @Test
  void lostAcksMakeResendsThatTheHubAnswersDuplicate() throws Exception {
    try (TestHub hub = TestHub.start()) {
      hub.policy((arrival, batch) -> arrival % 7 == 3 ? TestHub.Action.STORE_THEN_HANG_UP : TestHub.Action.STORE);
      CollectorForwarder f = forwarder(hub, "batch-size", 50);
      List<Observation> sent = range(0, 3_000);
      acceptAll(f, sent);
      ctx.metrics.await("observations_forwarded", 3_000, PATIENCE);
      f.close();
      assertStoredOnce(hub, sent);
      long duplicates = ctx.metrics.value("batches_duplicate");
      assertTrue(duplicates >= 5, "each hang-up after a store is answered DUPLICATE on resend: " + duplicates);
      assertEquals(60, ctx.metrics.value("batches_acked") + duplicates);
      assertTrue(hub.receipts().values().stream().anyMatch(n -> n > 1));
    }
  }

  @Test
  void refusedBatchesAreSetAsideOrRetriedAsTheReasonSays() throws Exception {
    try (TestHub hub = TestHub.start()) {
      AtomicInteger busy = new AtomicInteger();
      hub.policy((arrival, batch) -> {
        long first = firstSeq(batch);
        if (first == 20) {
          return TestHub.Action.REFUSE_MALFORMED; // the third batch: never storable
        }
        if (first == 50 && busy.getAndIncrement() < 2) {
          return TestHub.Action.REFUSE_UNAVAILABLE; // the sixth: stored on its third arrival
        }
        return TestHub.Action.STORE;
      });
      CollectorForwarder f = forwarder(hub, "batch-size", 10);
      List<Observation> sent = range(0, 200);
      acceptAll(f, sent);
      ctx.metrics.await("observations_forwarded", 190, PATIENCE);
      f.close();
      assertEquals(3, ctx.metrics.value("batches_refused"));
      assertEquals(3, busy.get());
      List<Observation> expected = new ArrayList<>(sent.subList(0, 20));
      expected.addAll(sent.subList(30, 200));
      assertEquals(new HashSet<>(expected), new HashSet<>(hub.stored()));
      assertEquals(190, hub.stored().size());
      try (Stream<Path> refused = Files.list(ctx.stateDir("forward[0]").resolve("spool").resolve("refused"))) {
        assertEquals(1, refused.count(), "a batch the hub can never store is kept aside");
      }
    }
  }

  private static long firstSeq(BatchMessage batch) {
    try {
      return batch.observations().get(0).seq();
    } catch (WireFormatException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aHubThatGoesSilentIsLeftAndTheBatchResentOnANewConnection() throws Exception {
    try (TestHub hub = TestHub.start()) {
      hub.policy((arrival, batch) -> arrival == 0 ? TestHub.Action.IGNORE : TestHub.Action.STORE);
      CollectorForwarder f = forwarder(hub, "batch-size", 10, "ack-timeout", "300ms");
      List<Observation> sent = range(0, 50);
      acceptAll(f, sent);
      hub.awaitStored(50, PATIENCE);
      f.close();
      assertEquals(new HashSet<>(sent), new HashSet<>(hub.stored()));
      assertEquals(50, hub.stored().size());
      assertTrue(ctx.metrics.value("reconnects") >= 1);
      assertEquals(5, hub.storedOrder().size(), "each batch stored once");
      assertTrue(hub.receipts().values().stream().anyMatch(n -> n >= 2), "the unanswered batch came again");
    }
  }

  @Test
  void batchesSpooledBeforeARestartAreSentByTheNextInstance() throws Exception {
    int port = TestHub.freePort();
    try (TestHub hub = TestHub.down(port)) {
      CollectorForwarder before = forwarder(hub);
      List<Observation> unsent = range(0, 2_000);
      acceptAll(before, unsent);
      before.close();
      assertEquals(20, ctx.metrics.value("batches_spooled"));
      assertEquals(0, ctx.metrics.value("batches_acked"));

      hub.listen(port);
      CollectorForwarder after = forwarder(hub); // same state folder: forward[0]
      List<Observation> fresh = range(2_000, 3_000);
      acceptAll(after, fresh);
      hub.awaitStored(3_000, PATIENCE);
      after.close();
      List<Observation> all = new ArrayList<>(unsent);
      all.addAll(fresh);
      assertStoredOnce(hub, all);
    }
  }

  @Test
  void theSpoolBoundDropsTheOldestAndCountsThem() throws Exception {
    int port = TestHub.freePort();
    long bound = 64 << 10;
    try (TestHub hub = TestHub.down(port)) {
      CollectorForwarder f = forwarder(hub, "spool-bytes", "64k", "batch-bytes", "4k");
      List<Observation> sent = range(0, 60_000);
      acceptAll(f, sent);
      ctx.metrics.await("observations_spooled", sent.size(), PATIENCE); // the spool writer is done
      long spooled = ctx.metrics.value("batches_spooled");
      long dropped = ctx.metrics.value("spool_dropped");
      assertTrue(dropped > 0, "60k observations do not fit 64 KiB");
      Path spool = ctx.stateDir("forward[0]").resolve("spool");
      assertTrue(sizeOf(spool) <= bound, "spool holds " + sizeOf(spool) + " bytes, bound " + bound);
      assertEquals(ctx.metrics.value("spool_bytes_added") - ctx.metrics.value("spool_bytes_released"), sizeOf(spool));

      hub.listen(port);
      long kept = sent.size() - ctx.metrics.value("spool_dropped_observations");
      hub.awaitStored(kept, PATIENCE);
      f.close();
      assertStoredOnce(hub, sent.subList((int) (sent.size() - kept), sent.size()));
      assertEquals(spooled - dropped, hub.storedOrder().size(), "the newest batches survive");
    }
  }

  private static long sizeOf(Path spool) throws IOException {
    try (Stream<Path> files = Files.list(spool)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  /**
   * The figure for the README: observations per second through {@code accept} (encoding into the
   * open batch; the spool writer compresses and fsyncs on its own thread, and {@code accept} waits
   * only when it falls behind) with the hub up on the same machine, counting by batch headers; a
   * first round warms the JIT. Not a pass/fail bound: the machine is shared.
   */
  @Test
  void acceptRateWithTheHubUp() throws Exception {
    try (TestHub hub = TestHub.start()) {
      hub.countOnly();
      CollectorForwarder f = CollectorForwarderTest.create(ctx, hub.address()); // default batching
      f.start();
      int n = 1_000_000;
      Observation[] obs = new Observation[n];
      for (int i = 0; i < n; i++) {
        obs[i] = Samples.syn(i);
      }
      for (int round = 1; round <= 2; round++) {
        long t0 = System.nanoTime();
        for (Observation o : obs) {
          f.accept(o);
        }
        long accepted = System.nanoTime() - t0;
        ctx.millis.addAndGet(60_000);
        f.flush();
        hub.awaitStored((long) n * round, PATIENCE);
        long delivered = System.nanoTime() - t0;
        System.out.printf("forward-collector round %d: %d observations, accept() %.0f obs/s (%.2f s), "
            + "stored and acknowledged by the hub %.0f obs/s (%.2f s); load average %s%n", round, n,
            n / (accepted / 1e9), accepted / 1e9, n / (delivered / 1e9), delivered / 1e9,
            Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
      }
      f.close();
      Map<BatchId, Integer> receipts = hub.receipts();
      assertEquals(2L * n, hub.storedCount());
      assertEquals(ctx.metrics.value("batches_spooled"), receipts.size(), "each spooled batch arrived once");
      assertTrue(receipts.values().stream().allMatch(k -> k == 1));
    }
  }
}
