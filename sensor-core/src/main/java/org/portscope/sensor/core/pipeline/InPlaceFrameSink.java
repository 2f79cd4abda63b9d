package org.portscope.sensor.core.pipeline;

import org.portscope.sensor.api.FrameSink;
import org.portscope.sensor.api.RawFrame;

/**
 * A sink that reads each frame in place and at once, so that a file source's lent frames
 * ({@link #lend}) are its way in, and a handed-over frame is read as one lent from its own array.
 * It never drops a frame.
 */
interface InPlaceFrameSink extends FrameSink {
  @Override
  void lend(long timestampNanos, int linkType, byte[] data, int length, int wireLength);

  @Override
  default boolean offer(RawFrame frame) {
    put(frame);
    return true;
  }

  @Override
  default void put(RawFrame frame) {
    byte[] data = frame.data();
    lend(frame.timestampNanos(), frame.linkType(), data, data.length, frame.wireLength());
  }
}
