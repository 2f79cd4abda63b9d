package org.portscope.hub.collector;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.portscope.hub.metrics.HubMetrics;
import org.portscope.hub.peer.Peer;
import org.portscope.hub.store.AppendResult;
import org.portscope.hub.store.ObservationStore;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.wire.Ack;
import org.portscope.sensor.api.wire.BatchMessage;
import org.portscope.sensor.api.wire.RefusalReason;
import org.portscope.sensor.api.wire.WireFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns batches into ACKs off the event loops: inflates and decodes the body, appends it to the
 * store, and answers only once the outcome is committed. One thread, because the store serializes
 * appends anyway; its queue is bounded by the connections, each of which has at most one batch
 * here at a time (see {@link BatchHandler}).
 */
public final class Ingestor implements BatchSink, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Ingestor.class);

  private final ObservationStore store;
  private final Clock clock;
  private final HubMetrics metrics;
  private final ThreadPoolExecutor thread;

  public Ingestor(ObservationStore store, Clock clock, HubMetrics metrics) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, "hub-ingest");
      t.setDaemon(true);
      return t;
    });
    metrics.ingestQueue(this::queued);
  }

  /** The ACK for a batch from a known peer, completed on the ingest thread. */
  @Override
  public CompletableFuture<Ack> submit(Peer peer, BatchMessage batch) {
    try {
      return CompletableFuture.supplyAsync(() -> ingest(peer, batch), thread);
    } catch (RejectedExecutionException e) {
      metrics.refused(RefusalReason.STORE_UNAVAILABLE);
      return CompletableFuture.completedFuture(
          Ack.refused(batch.id(), RefusalReason.STORE_UNAVAILABLE, "the hub is shutting down"));
    }
  }

  /** Batches waiting or being stored. */
  public int queued() {
    return thread.getQueue().size() + thread.getActiveCount();
  }

  Ack ingest(Peer peer, BatchMessage batch) {
    List<Observation> observations;
    try {
      observations = batch.observations();
    } catch (WireFormatException e) {
      metrics.refused(e.reason());
      LOG.warn("batch {} from {} refused ({}): {}", batch.id(), peer.name(), e.reason(), e.getMessage());
      return Ack.refused(batch.id(), e.reason(), e.getMessage());
    }
    long start = System.nanoTime();
    try {
      AppendResult result = store.append(batch.id(), peer, observations, clock.instant());
      metrics.appends.increment();
      metrics.appendNanos.add(System.nanoTime() - start);
      if (result == AppendResult.DUPLICATE) {
        metrics.batchesDuplicate.increment();
        return Ack.duplicate(batch.id());
      }
      metrics.batchesStored.increment();
      metrics.observationsStored.add(observations.size());
      return Ack.stored(batch.id());
    } catch (RuntimeException e) {
      metrics.refused(RefusalReason.STORE_UNAVAILABLE);
      LOG.error("batch {} from {} not stored", batch.id(), peer.name(), e);
      return Ack.refused(batch.id(), RefusalReason.STORE_UNAVAILABLE,
          "the hub could not store the batch; send it again later");
    }
  }

  /** Finishes the batches already submitted (their ACKs still go out if the connection lives). */
  @Override
  public void close() {
    thread.shutdown();
    try {
      if (!thread.awaitTermination(60, TimeUnit.SECONDS)) {
        LOG.warn("ingest did not finish within 60 s; unacknowledged batches will be resent by nodes");
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      thread.shutdownNow();
    }
  }
}
