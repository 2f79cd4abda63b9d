package org.portscope.hub.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.hub.TestObservations;
import org.portscope.hub.metrics.HubMetrics;
import org.portscope.hub.peer.Peer;
import org.portscope.hub.store.AppendResult;
import org.portscope.hub.store.Batch;
import org.portscope.hub.store.DuckDbStore;
import org.portscope.hub.store.NodeActivity;
import org.portscope.hub.store.ObservationFilter;
import org.portscope.hub.store.ObservationStore;
import org.portscope.hub.store.PortCount;
import org.portscope.hub.store.SourcePrefix;
import org.portscope.hub.store.StoreException;
import org.portscope.hub.store.StoredObservation;
import org.portscope.hub.store.Summary;
import org.portscope.hub.store.Timeseries;
import org.portscope.sensor.api.IpAddress;
import org.portscope.sensor.api.wire.Ack;
import org.portscope.sensor.api.wire.AckStatus;
import org.portscope.sensor.api.wire.BatchId;
import org.portscope.sensor.api.wire.BatchMessage;
import org.portscope.sensor.api.wire.Compression;
import org.portscope.sensor.api.wire.RefusalReason;

class IngestorTest {
  static final Peer NODE = new Peer("node-a", "uni-x", IpAddress.parse("10.77.0.2"));
  static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

  static BatchMessage batch(int n) {
    List<org.portscope.sensor.api.Observation> obs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      obs.add(TestObservations.syn(T0.plusMillis(i), "198.51.100.7", 22, "zmap"));
    }
    return BatchMessage.of(BatchId.random(), obs, Compression.DEFLATE);
  }

  static Ack await(CompletableFuture<Ack> f) throws Exception {
    return f.get(30, TimeUnit.SECONDS);
  }

  @Test
  void storesOnceAndRefusesACorruptBody(@TempDir Path dir) throws Exception {
    HubMetrics metrics = new HubMetrics();
    try (DuckDbStore store = DuckDbStore.open(dir.resolve("h.duckdb"), "256MB", 1)) {
      Ingestor ingestor = new Ingestor(store, Clock.systemUTC(), metrics);
      List<BatchMessage> sent = new ArrayList<>();
      List<CompletableFuture<Ack>> acks = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        sent.add(batch(100));
        acks.add(ingestor.submit(NODE, sent.get(i)));
      }
      acks.add(ingestor.submit(NODE, sent.get(0)));
      BatchMessage ok = batch(3);
      BatchMessage corrupt = new BatchMessage(ok.id(), 4, ok.compression(), ok.bodyLength(), ok.body());
      Ack refused = await(ingestor.submit(NODE, corrupt));
      for (int i = 0; i < 30; i++) {
        assertEquals(Ack.stored(sent.get(i).id()), await(acks.get(i)));
      }
      assertEquals(Ack.duplicate(sent.get(0).id()), await(acks.get(30)));
      assertEquals(RefusalReason.MALFORMED, refused.reason());
      assertTrue(refused.detail().contains("ends after 3 of 4"), refused.detail());
      ingestor.close();
      assertEquals(3000, store.summary(ObservationFilter.ALL, T0).totals().observations());
      assertEquals(3000, metrics.observationsStored.sum());
      assertEquals(0, ingestor.queued());
    }
  }

  /** A store that fails every commit that includes one poisoned batch. */
  static final class PoisonedStore implements ObservationStore {
    final BatchId poison;
    final List<BatchId> stored = new ArrayList<>();
    int failuresLeft;

    PoisonedStore(BatchId poison) {
      this(poison, Integer.MAX_VALUE);
    }

    /** Fails the appends that hold {@code poison} {@code failures} times, then stores it. */
    PoisonedStore(BatchId poison, int failures) {
      this.poison = poison;
      this.failuresLeft = failures;
    }

    @Override
    public synchronized List<AppendResult> appendAll(List<Batch> batches) {
      if (failuresLeft > 0 && batches.stream().anyMatch(b -> b.id().equals(poison))) {
        failuresLeft--;
        throw new StoreException("disk full", null);
      }
      batches.forEach(b -> stored.add(b.id()));
      return batches.stream().map(b -> AppendResult.STORED).toList();
    }

    @Override public long deleteOlderThan(Instant cutoff) { throw new UnsupportedOperationException(); }
    @Override public Summary summary(ObservationFilter f, Instant now) { throw new UnsupportedOperationException(); }
    @Override public List<StoredObservation> observations(ObservationFilter f, int limit) { throw new UnsupportedOperationException(); }
    @Override public Timeseries timeseries(ObservationFilter f, Duration bucket) { throw new UnsupportedOperationException(); }
    @Override public List<PortCount> topPorts(ObservationFilter f, int limit) { throw new UnsupportedOperationException(); }
    @Override public List<SourcePrefix> topSources(ObservationFilter f, int limit) { throw new UnsupportedOperationException(); }
    @Override public Map<String, NodeActivity> nodeActivity() { throw new UnsupportedOperationException(); }
    @Override public boolean healthy() { return true; }
    @Override public void close() {}
  }

  @Test
  void aFailingBatchDoesNotTakeItsGroupDown() throws Exception {
    List<BatchMessage> sent = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      sent.add(batch(10));
    }
    PoisonedStore store = new PoisonedStore(sent.get(17).id());
    HubMetrics metrics = new HubMetrics();
    Ingestor ingestor = new Ingestor(store, Clock.systemUTC(), metrics);
    List<CompletableFuture<Ack>> acks = sent.stream().map(b -> ingestor.submit(NODE, b)).toList();
    for (int i = 0; i < sent.size(); i++) {
      Ack a = await(acks.get(i));
      if (i == 17) {
        assertEquals(AckStatus.REFUSED, a.status());
        assertEquals(RefusalReason.STORE_UNAVAILABLE, a.reason());
        assertTrue(a.reason().retryable());
      } else {
        assertEquals(Ack.stored(sent.get(i).id()), a);
      }
    }
    ingestor.close();
    assertEquals(39, store.stored.size());
    assertEquals(1, metrics.refusedCount(RefusalReason.STORE_UNAVAILABLE));
  }

  @Test
  void aLoneBatchWhoseCommitFailsOnceIsRetried() throws Exception {
    // As when the other writer commits the same batch first: this commit fails once, the retry answers.
    BatchMessage lone = batch(10);
    PoisonedStore store = new PoisonedStore(lone.id(), 1);
    HubMetrics metrics = new HubMetrics();
    Ingestor ingestor = new Ingestor(store, Clock.systemUTC(), metrics);
    assertEquals(Ack.stored(lone.id()), await(ingestor.submit(NODE, lone)));
    ingestor.close();
    assertEquals(List.of(lone.id()), store.stored);
    assertEquals(0, metrics.refusedCount(RefusalReason.STORE_UNAVAILABLE));
  }
}
