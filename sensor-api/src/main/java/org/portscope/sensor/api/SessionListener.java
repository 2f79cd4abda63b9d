package org.portscope.sensor.api;

/**
 * Listener mode's first half (LightScope's forwarding): accepts TCP connections on the node's
 * assigned port range, hands each to a {@link SessionRelay}, and reports every finished connection
 * as an {@link Observation} with a {@link Session}. Runs beside the capture stage.
 *
 * <p>Lifecycle: {@link #configure} → {@link #start} (once, from the host's start-up thread) →
 * {@link #close} (from the shutdown thread), which stops accepting, ends open connections, reports
 * them and undoes whatever {@code start} changed on the machine (firewall rules).
 *
 * <p>A listener never takes a port where a real service listens, also one started later.
 */
public interface SessionListener extends SensorStage {
  /**
   * Starts accepting and returns once it does.
   *
   * @param relay where each accepted connection goes
   * @param sink where finished sessions go
   * @return what is being listened on, for the log, e.g. {@code "tcp 10000-20000 via nftables tproxy"}
   * @throws Exception when listening cannot start; the message says what is missing
   */
  String start(SessionRelay relay, SessionSink sink) throws Exception;
}
