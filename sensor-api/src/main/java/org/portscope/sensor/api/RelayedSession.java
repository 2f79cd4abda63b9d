package org.portscope.sensor.api;

import java.nio.ByteBuffer;

/**
 * What a {@link SessionRelay} does with the bytes of one accepted connection. The listener calls
 * these methods on its I/O thread, one at a time for a given connection; they must not block.
 */
public interface RelayedSession {
  /**
   * One chunk from the remote party, delivered after a {@link ClientSide#read}. The relay takes
   * ownership of {@code bytes}.
   */
  void received(ByteBuffer bytes);

  /** The remote party closed or the connection failed; no further call follows. */
  void sourceClosed();
}
