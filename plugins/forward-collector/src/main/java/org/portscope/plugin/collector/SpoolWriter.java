package org.portscope.plugin.collector;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.portscope.sensor.api.wire.BatchId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compresses due batches and writes them to the spool on a thread of its own, so the delivery
 * thread (shared by every forwarder) never waits on deflate or fsync unless the disk falls behind:
 * then {@link #submit} waits, and the wait backs up into the pipeline's queues where drops are
 * counted. Each batch gets its id here, when it is spooled.
 */
final class SpoolWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SpoolWriter.class);
  /** Due batches waiting for the disk; a few smooth out fsync stalls without holding much memory. */
  static final int QUEUE = 4;
  private static final Batcher.Encoded END = new Batcher.Encoded(new byte[0], 0);

  private final String name;
  private final Spool spool;
  private final CollectorMetrics metrics;
  private final Runnable spooled;
  private final BlockingQueue<Batcher.Encoded> queue = new ArrayBlockingQueue<>(QUEUE);
  private final Thread thread;
  private long lastErrorLog;

  /**
   * @param spooled called after each batch is in the spool (wakes the sender)
   */
  SpoolWriter(String name, Spool spool, CollectorMetrics metrics, Runnable spooled) {
    this.name = name;
    this.spool = spool;
    this.metrics = metrics;
    this.spooled = spooled;
    this.thread = new Thread(this::run, "collector-spool-" + name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues a due batch; waits while {@link #QUEUE} batches are already waiting for the disk. */
  void submit(Batcher.Encoded batch) {
    try {
      queue.put(batch);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      metrics.spoolWriteLost.add(batch.count());
      throw new IllegalStateException(name + ": interrupted handing a batch of " + batch.count()
          + " observations to the spool", e);
    }
  }

  private void run() {
    try (BatchSealer sealer = new BatchSealer()) {
      while (true) {
        Batcher.Encoded batch = queue.take();
        if (batch == END) {
          return;
        }
        write(sealer, batch);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void write(BatchSealer sealer, Batcher.Encoded batch) {
    BatchId id = BatchId.random();
    try {
      spool.add(id, batch.count(), sealer.frame(id, batch));
    } catch (IOException | RuntimeException e) {
      metrics.spoolWriteLost.add(batch.count());
      long now = System.nanoTime();
      if (now - lastErrorLog > 10_000_000_000L) { // at most one line per 10 s
        lastErrorLog = now;
        LOG.error("{}: could not spool batch {} ({} observations lost; {} lost so far) in {}: {}", name, id,
            batch.count(), metrics.spoolWriteLost.value(), spool.dir(), e.toString());
      }
      return;
    }
    spooled.run();
  }

  /** Writes what is queued, then stops the thread. */
  @Override
  public void close() {
    boolean interrupted = false;
    while (true) {
      try {
        queue.put(END);
        break;
      } catch (InterruptedException e) {
        interrupted = true; // the queued batches are accepted data: finish writing them
      }
    }
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
