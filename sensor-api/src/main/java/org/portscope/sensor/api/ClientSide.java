package org.portscope.sensor.api;

import java.nio.ByteBuffer;

/**
 * The remote party's end of an accepted connection, as a {@link SessionListener} offers it to the
 * {@link SessionRelay}. JDK types only, since the two are separate plugins with separate class
 * loaders. Every method may be called from any thread and never blocks.
 *
 * <p>Backpressure: the listener reads nothing until asked. Each {@link #read} call delivers at most
 * one chunk to {@link RelayedSession#received} (or ends with {@link RelayedSession#sourceClosed});
 * a relay asks for the next chunk once it has passed the previous one on.
 */
public interface ClientSide {
  /**
   * Sends bytes to the remote party. The listener takes ownership of {@code bytes}.
   *
   * @param whenWritten runs (on the listener's I/O thread) once the bytes are in the socket's send
   *     buffer, or once the connection has failed; a relay reads more from the honeypot only then
   */
  void write(ByteBuffer bytes, Runnable whenWritten);

  /** Asks for the next chunk the remote party sends. */
  void read();

  /**
   * Closes the connection (after writes already made are flushed).
   *
   * @param reason why, as {@link Session#end} records it (e.g. {@code "honeypot-closed"} or
   *     {@link Session#limit}); the first reason given wins
   */
  void close(String reason);
}
