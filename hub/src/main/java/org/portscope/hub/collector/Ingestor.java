package org.portscope.hub.collector;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.portscope.hub.metrics.HubMetrics;
import org.portscope.hub.peer.Peer;
import org.portscope.hub.store.AppendResult;
import org.portscope.hub.store.Batch;
import org.portscope.hub.store.ObservationStore;
import org.portscope.sensor.api.wire.Ack;
import org.portscope.sensor.api.wire.BatchMessage;
import org.portscope.sensor.api.wire.RefusalReason;
import org.portscope.sensor.api.wire.WireFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns batches into ACKs off the event loops. Bodies are inflated and decoded on a small pool;
 * a writer thread then takes every decoded batch waiting (up to {@link #MAX_GROUP_OBSERVATIONS})
 * and appends them in one transaction (group commit): when the hub is busy, batches share a commit
 * instead of queueing behind one commit each. There are as many writer threads as the store runs
 * appends at once, so one group's commit does not hold up the next group's appends. ACKs complete
 * only after the commit. If a group fails, its batches are retried one by one, so one bad batch
 * cannot take others down with it (nor a batch a node sent again while its first copy was being
 * stored by another writer: the retry finds it stored).
 * The queue is bounded by the connections, each of which has at most
 * {@link BatchHandler#MAX_IN_FLIGHT} batches here.
 */
public final class Ingestor implements BatchSink, AutoCloseable {
  static final int MAX_GROUP_OBSERVATIONS = 200_000;
  private static final Logger LOG = LoggerFactory.getLogger(Ingestor.class);

  private record Pending(Batch batch, CompletableFuture<Ack> ack) {}

  private final ObservationStore store;
  private final Clock clock;
  private final HubMetrics metrics;
  private final ExecutorService decoders;
  private final BlockingQueue<Pending> decoded = new LinkedBlockingQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final List<Thread> writers = new ArrayList<>();
  private volatile boolean closing;

  public Ingestor(ObservationStore store, Clock clock, HubMetrics metrics) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.decoders = Executors.newFixedThreadPool(2, r -> daemon(r, "hub-decode"));
    for (int i = 1; i <= store.concurrentAppends(); i++) {
      Thread writer = daemon(this::writeLoop, "hub-ingest-" + i);
      writers.add(writer);
      writer.start();
    }
    metrics.ingestQueue(this::queued);
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  @Override
  public CompletableFuture<Ack> submit(Peer peer, BatchMessage batch) {
    CompletableFuture<Ack> ack = new CompletableFuture<>();
    queued.incrementAndGet();
    ack.whenComplete((a, e) -> queued.decrementAndGet());
    try {
      decoders.execute(() -> decode(peer, batch, ack));
    } catch (RejectedExecutionException e) {
      ack.complete(refuse(batch, "the hub is shutting down"));
    }
    return ack;
  }

  /** Batches decoding, waiting for or in the store. */
  public int queued() {
    return queued.get();
  }

  private void decode(Peer peer, BatchMessage batch, CompletableFuture<Ack> ack) {
    try {
      decoded.add(new Pending(new Batch(batch.id(), peer, batch.observations(), clock.instant()), ack));
    } catch (WireFormatException e) {
      metrics.refused(e.reason());
      LOG.warn("batch {} from {} refused ({}): {}", batch.id(), peer.name(), e.reason(), e.getMessage());
      ack.complete(Ack.refused(batch.id(), e.reason(), e.getMessage()));
    }
  }

  private void writeLoop() {
    while (true) {
      Pending first;
      try {
        first = decoded.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (first == null) {
        if (closing) {
          return;
        }
        continue;
      }
      List<Pending> group = new ArrayList<>();
      group.add(first);
      int observations = first.batch().observations().size();
      for (Pending next; observations < MAX_GROUP_OBSERVATIONS && (next = decoded.poll()) != null; ) {
        group.add(next);
        observations += next.batch().observations().size();
      }
      store(group, true);
    }
  }

  /**
   * @param retry whether a failure is retried batch by batch: a lone batch too, since the same batch
   *     in the other writer's transaction fails this commit once and the retry finds it stored
   */
  private void store(List<Pending> group, boolean retry) {
    long start = System.nanoTime();
    try {
      List<AppendResult> results = store.appendAll(group.stream().map(Pending::batch).toList());
      metrics.appends.increment();
      metrics.appendNanos.add(System.nanoTime() - start);
      for (int i = 0; i < group.size(); i++) {
        group.get(i).ack().complete(acknowledge(group.get(i).batch(), results.get(i)));
      }
    } catch (RuntimeException e) {
      if (retry) {
        LOG.warn("a group of {} batch(es) was not stored ({}); storing them one by one", group.size(), e.getMessage());
        group.forEach(p -> store(List.of(p), false));
        return;
      }
      Pending p = group.get(0);
      LOG.error("batch {} from {} not stored", p.batch().id(), p.batch().peer().name(), e);
      p.ack().complete(refuse(p.batch().id(), "the hub could not store the batch; send it again later"));
    }
  }

  private Ack acknowledge(Batch b, AppendResult result) {
    if (result == AppendResult.DUPLICATE) {
      metrics.batchesDuplicate.increment();
      return Ack.duplicate(b.id());
    }
    metrics.batchesStored.increment();
    metrics.observationsStored.add(b.observations().size());
    return Ack.stored(b.id());
  }

  private Ack refuse(BatchMessage batch, String why) {
    return refuse(batch.id(), why);
  }

  private Ack refuse(org.portscope.sensor.api.wire.BatchId id, String why) {
    metrics.refused(RefusalReason.STORE_UNAVAILABLE);
    return Ack.refused(id, RefusalReason.STORE_UNAVAILABLE, why);
  }

  /** Stores the batches already submitted (their ACKs still go out if the connection lives), then stops. */
  @Override
  public void close() {
    decoders.shutdown();
    try {
      if (!decoders.awaitTermination(30, TimeUnit.SECONDS)) {
        decoders.shutdownNow();
      }
      closing = true;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      for (Thread writer : writers) {
        writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      }
      if (writers.stream().anyMatch(Thread::isAlive)) {
        LOG.warn("ingest did not finish within 60 s; unacknowledged batches will be resent by nodes");
        writers.forEach(Thread::interrupt);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      writers.forEach(Thread::interrupt);
    }
  }
}
