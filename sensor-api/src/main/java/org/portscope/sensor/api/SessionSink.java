package org.portscope.sensor.api;

/** Where a {@link SessionListener} hands finished sessions; supplied by the host. Thread-safe. */
public interface SessionSink {
  /**
   * Hands over the observation of one finished connection ({@link Observation#ofSession}) without
   * blocking; the host fingerprints it by its first bytes, anonymizes and forwards it as any other.
   *
   * @return false when the host's queue is full and it was dropped (the host counts it)
   */
  boolean offer(Observation session);
}
