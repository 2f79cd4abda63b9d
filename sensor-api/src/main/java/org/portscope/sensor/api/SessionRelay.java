package org.portscope.sensor.api;

/**
 * Listener mode's second half: takes over each connection a {@link SessionListener} accepted and
 * relays it, both ways, to where the operator configured (a honeypot), and to nowhere else.
 *
 * <p>Lifecycle: {@link #configure} → {@link #open} (many times, concurrently from the listener's
 * I/O threads) → {@link #close}, which ends every relayed connection.
 */
public interface SessionRelay extends SensorStage {
  /**
   * Starts relaying one connection. Called on the listener's I/O thread; must return at once
   * (connect asynchronously). To refuse the connection (a limit is hit), call
   * {@link ClientSide#close} with the reason and return a session that ignores what follows.
   *
   * @param info the connection, with {@link SessionInfo#shownSource} filled in by the host
   * @param client the remote party's end
   * @return what receives the remote party's bytes
   */
  RelayedSession open(SessionInfo info, ClientSide client);
}
