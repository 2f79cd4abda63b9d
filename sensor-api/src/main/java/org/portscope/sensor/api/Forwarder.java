package org.portscope.sensor.api;

/**
 * A sink for observations: a file, the hub's collector, a honeypot relay, a message bus. Several
 * forwarders may be configured; each gets every observation.
 *
 * <p>Lifecycle: {@link #configure} → {@link #start} → {@link #accept} (many times) interleaved with
 * {@link #flush} → {@link #close}. {@code start} is called from the host's start-up thread;
 * {@code accept} and {@code flush} from the host's delivery thread, one call at a time; {@code close}
 * from the shutdown thread after the delivery thread has stopped. {@code close} must flush what was
 * accepted.
 *
 * <p>Unless the operator marks a forwarder {@code raw: true} in its section, it receives
 * observations only after the anonymizer ran ({@link Observation#isRaw()} is false).
 *
 * <p>{@code accept} must not block on the network: a forwarder that can fail buffers or spools, so
 * that nothing it accepted is lost.
 */
public interface Forwarder extends SensorStage {
  /** Called once after {@link #configure}, before the first {@link #accept}. */
  default void start() {}

  /** Takes one observation. */
  void accept(Observation observation);

  /** Pushes out what is buffered; called when the pipeline is idle and at shutdown. */
  void flush();
}
