package org.portscope.sensor.core.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.portscope.sensor.api.Metrics;
import org.portscope.sensor.api.Metrics.Counter;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.SessionSink;
import org.portscope.sensor.core.fingerprint.SessionFingerprinter;

/**
 * Where listener mode's finished sessions wait for the delivery thread: the listener's I/O threads
 * fingerprint them (stateless, cheap) and offer them to a bounded queue without waiting; a full
 * queue drops and counts. The delivery thread takes them between batches of packets.
 */
final class SessionLane implements SessionSink {
  private final BlockingQueue<Observation> queue;
  private final SessionFingerprinter fingerprinter = new SessionFingerprinter();
  private final Counter sessions;
  private final Counter dropped;

  SessionLane(int capacity, Metrics metrics) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.sessions = metrics.counter("portscope_sessions_total",
        "Relayed connections (listener mode) handed to delivery");
    this.dropped = metrics.counter("portscope_sessions_dropped_total",
        "Relayed connections whose observation was dropped because delivery was behind");
  }

  @Override
  public boolean offer(Observation session) {
    if (!session.isSession()) {
      throw new IllegalArgumentException("not a session: " + session.protocol() + " observation"
          + " without session details (use Observation.ofSession)");
    }
    if (queue.offer(fingerprinter.classify(session))) {
      sessions.increment();
      return true;
    }
    dropped.increment();
    return false;
  }

  /** What is waiting, removed from the queue; called by the delivery thread. */
  List<Observation> take() {
    if (queue.isEmpty()) {
      return List.of();
    }
    List<Observation> out = new ArrayList<>(queue.size());
    queue.drainTo(out);
    return out;
  }
}
