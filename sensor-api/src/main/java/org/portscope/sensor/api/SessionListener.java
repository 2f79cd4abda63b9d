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
 *
 * <p>The host classifies the capture's packets to the listener's {@link #ports} itself: a SYN to
 * one is a probe like any other of a closed port; the packets of the connection it opens with that
 * peer address and port (the kernel answers every such SYN) are the session's and not recorded;
 * everything else (backscatter, ACK, FIN, NULL and Xmas scans) is recorded as on any closed port.
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

  /**
   * The TCP ports this listener accepts on (its assigned ports), known once {@link #configure}
   * returned; the host asks before {@link #start}. The sockets that this process holds on these
   * ports are the listener's: the host leaves them out of the node's open ports (its listening
   * sockets in bind mode, its accepted connections in every mode), while another process's socket
   * on one of them (a real service) still opens that port. A listener must therefore not open
   * sockets on these ports for anything but accepting.
   *
   * <p>The default, for listeners written before this method existed, is {@link PortRanges#NONE}:
   * the host then treats their ports as any other.
   */
  default PortRanges ports() {
    return PortRanges.NONE;
  }
}
