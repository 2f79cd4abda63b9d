package org.portscope.sensor.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.portscope.sensor.api.Forwarder;
import org.portscope.sensor.api.IpAddress;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.Protocol;
import org.portscope.sensor.api.SensorContext;
import org.portscope.sensor.api.StageConfig;
import org.portscope.sensor.api.TcpOptions;
import org.portscope.sensor.core.fingerprint.Fingerprinter;
import org.portscope.sensor.core.metrics.MetricsRegistry;
import org.portscope.sensor.core.stages.IdentityAnonymizer;

class DeliveryLaneTest {
  private final MetricsRegistry metrics = new MetricsRegistry();

  private static class Recording implements Forwarder {
    final List<Long> seen = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch flushed = new CountDownLatch(1);
    volatile boolean fail;

    public void configure(StageConfig c, SensorContext ctx) {}

    public void accept(Observation o) {
      if (fail) {
        throw new IllegalStateException("disk full");
      }
      seen.add(o.seq());
    }

    public void flush() {
      flushed.countDown();
    }

    public void close() {}
  }

  private static Observation obs(long seq) {
    return new Observation(seq, IpAddress.parse("198.51.100.1"), IpAddress.parse("192.0.2.1"),
        Protocol.TCP, 1, 2, 2, seq, 0, 1024, 50, 1, TcpOptions.NONE, -1, -1, 0, "n", null, null);
  }

  @Test
  void deliversEverythingInOrderAndFlushesWhenIdle() throws Exception {
    Recording sink = new Recording();
    DeliveryLane lane = new DeliveryLane(new Delivery(new IdentityAnonymizer(),
        List.of(new ForwardingStage("f", false, sink, metrics)), metrics), null);
    for (long i = 0; i < 10_000; i++) {
      lane.accept(obs(i));
    }
    lane.flush();
    assertTrue(sink.flushed.await(10, TimeUnit.SECONDS), "forwarder flushed once the lane ran dry");
    lane.accept(obs(10_000));
    lane.close();
    assertEquals(10_001, sink.seen.size());
    for (int i = 0; i < sink.seen.size(); i++) {
      assertEquals(i, sink.seen.get(i));
    }
  }

  @Test
  void aDeadDeliveryThreadStopsThePipelineInsteadOfLeavingItWaiting() {
    // An Error gets past the forwarder's guard and ends the delivery thread; the producer must
    // then fail with it once the queue is full, not wait on a queue nobody drains.
    Forwarder broken = new Recording() {
      @Override
      public void accept(Observation o) {
        throw new AssertionError("a broken plugin");
      }
    };
    DeliveryLane lane = new DeliveryLane(new Delivery(new IdentityAnonymizer(),
        List.of(new ForwardingStage("f", false, broken, metrics)), metrics), null);
    IllegalStateException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
        assertThrows(IllegalStateException.class, () -> {
          for (long i = 0; i < 1_000_000; i++) {
            lane.accept(obs(i));
          }
        }));
    assertTrue(e.getMessage().startsWith("the delivery thread failed: java.lang.AssertionError: a broken plugin"),
        e.getMessage());
    lane.close(); // reported once: closing neither throws it again nor waits on the full queue
  }

  /**
   * With nothing to forward the lane fingerprints; a rule that throws ends its thread, and the very
   * next hand-over reports it (it used to take the 16 hand-overs that refill the queue, plus a wait).
   */
  @Test
  void aFailureOnTheLaneIsReportedByTheNextHandOver() throws Exception {
    CountDownLatch failing = new CountDownLatch(1);
    ObservationSink brokenRule = new ObservationSink() {
      @Override
      public void accept(Observation raw) {
        failing.countDown();
        throw new IllegalArgumentException("a rule read past the options");
      }

      @Override
      public void flush() {}
    };
    DeliveryLane lane = new DeliveryLane(brokenRule, null);
    for (long i = 0; i < 1024; i++) {
      lane.accept(obs(i)); // one full batch: handed over
    }
    assertTrue(failing.await(10, TimeUnit.SECONDS));
    int handOvers = 0;
    IllegalStateException e = null;
    while (e == null && handOvers < 20) {
      handOvers++;
      try {
        for (long i = 0; i < 1024; i++) {
          lane.accept(obs(i));
        }
      } catch (IllegalStateException thrown) {
        e = thrown;
      }
    }
    assertTrue(e != null && e.getCause() instanceof IllegalArgumentException, "the rule's failure is reported");
    // The thread records its failure just after the rule throws: at most one hand-over can slip in.
    assertTrue(handOvers <= 2, "reported by hand-over " + handOvers);
    assertDoesNotThrow(lane::close);
  }

  /**
   * Fingerprinting on the lane's thread, as a replay without output runs it: the verdict counters
   * belong to that thread (tests run with assertions on, so an add from another thread fails), and
   * every observation of several batches is counted once.
   */
  @Test
  void theLaneCanFingerprintAndCountOnItsOwnThread() {
    DeliveryLane lane = new DeliveryLane(new FingerprintStage(new Fingerprinter(1000), null, metrics), null);
    for (long i = 0; i < 5_000; i++) {
      lane.accept(obs(i));
    }
    lane.close();
    java.util.Map<String, Long> counters = metrics.snapshot();
    assertEquals(5_000L, counters.get("portscope_observations_total"));
    long byTool = counters.entrySet().stream()
        .filter(c -> c.getKey().startsWith("portscope_fingerprint_tool_total{")).mapToLong(java.util.Map.Entry::getValue).sum();
    assertEquals(5_000L, byTool);
  }

  @Test
  void aThrowingForwarderIsCountedAndTheLaneGoesOn() {
    Recording sink = new Recording();
    sink.fail = true;
    DeliveryLane lane = new DeliveryLane(new Delivery(new IdentityAnonymizer(),
        List.of(new ForwardingStage("f", false, sink, metrics)), metrics), null);
    for (long i = 0; i < 600; i++) {
      lane.accept(obs(i));
    }
    lane.close();
    assertEquals(600L, metrics.snapshot().get("portscope_forwarder_errors_total{forwarder=\"f\"}"));
    assertThrows(IllegalStateException.class, () -> sink.accept(obs(1)));
  }
}
