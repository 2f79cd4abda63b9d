package org.portscope.sensor.core.pipeline;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.portscope.sensor.api.Observation;

/**
 * Runs the pipeline's downstream on a thread of its own, so that on two cores recognizing packets
 * overlaps writing observations: a {@link Delivery} (anonymizer and forwarders), or, when nothing
 * is forwarded, the {@link FingerprintStage} before it. Observations travel in batches through a
 * small bounded queue, in order: when the downstream falls behind, {@link #accept} waits, which in
 * live capture backs up into the frame queue, where the drop is counted.
 */
final class DeliveryLane implements ObservationSink, AutoCloseable {
  private static final Observation[] END = new Observation[0];
  /**
   * Observations per hand-over. Large enough that handing over stays too rare for the JIT's
   * optimizing compiler, whose work on the queue's lock code cost a replay 0.1 s of CPU at 256.
   */
  private static final int BATCH = 1024;

  private final ObservationSink downstream;
  private final SessionLane sessions;
  private final BlockingQueue<Observation[]> queue = new ArrayBlockingQueue<>(16);
  private final Thread thread;
  private Observation[] batch = new Observation[BATCH];
  private int filled;
  /**
   * Why the lane's thread ended early (an exception from a fingerprint rule, or an Error from a
   * forwarder, which gets past the forwarders' guard), or null.
   */
  private volatile Throwable failure;
  /** Whether {@link #failure} was thrown to the producer already: it is reported once. */
  private boolean failureReported;

  /**
   * @param downstream what runs on the lane's thread: a {@link Delivery}, or a {@link FingerprintStage}
   * @param sessions listener mode's finished sessions, or null when it is off
   */
  DeliveryLane(ObservationSink downstream, SessionLane sessions) {
    this.downstream = downstream;
    this.sessions = sessions;
    this.thread = new Thread(this::drain, "delivery");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void accept(Observation raw) {
    batch[filled++] = raw;
    if (filled == BATCH) {
      handOver();
    }
  }

  /** Hands over the partial batch; the lane flushes the forwarders once it has nothing left. */
  @Override
  public void flush() {
    if (filled > 0) {
      handOver();
    }
  }

  private void handOver() {
    Observation[] full = filled == BATCH ? batch : java.util.Arrays.copyOf(batch, filled);
    batch = new Observation[BATCH];
    filled = 0;
    put(full);
  }

  /**
   * Waits for room, but not for a lane thread that has died: its failure is thrown here, by the
   * first hand-over after it, so the pipeline stops at once instead of filling the queue again and
   * then waiting on it. Once reported, what is handed over is dropped: nothing drains it.
   */
  private void put(Observation[] b) {
    try {
      while (true) {
        if (failure != null) {
          reportFailure();
          return;
        }
        if (queue.offer(b, 100, TimeUnit.MILLISECONDS)) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while handing observations to delivery", e);
    }
  }

  private void drain() {
    try {
      while (true) {
        Observation[] b = queue.poll(200, TimeUnit.MILLISECONDS);
        deliverSessions();
        if (b == null) {
          downstream.flush();
          continue;
        }
        if (b == END) {
          deliverSessions();
          downstream.flush();
          return;
        }
        for (Observation o : b) {
          downstream.accept(o);
        }
        if (queue.isEmpty()) {
          downstream.flush();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      failure = e; // reported on the pipeline thread, by put() or close()
      queue.clear(); // let a waiting producer go; what follows is lost with the failure reported
    }
  }

  private void reportFailure() {
    if (!failureReported) {
      failureReported = true;
      throw new IllegalStateException("the " + thread.getName() + " thread failed: " + failure, failure);
    }
  }

  private void deliverSessions() {
    if (sessions == null) {
      return;
    }
    for (Observation o : sessions.take()) {
      downstream.accept(o);
    }
  }

  /**
   * Delivers everything handed over, flushes, and stops the thread; throws the thread's failure
   * unless a hand-over already did.
   */
  @Override
  public void close() {
    flush();
    if (thread.isAlive()) {
      put(END);
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (failure != null) {
      reportFailure();
    }
  }
}
