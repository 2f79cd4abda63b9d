package org.portscope.plugin.pcap;

import java.io.Closeable;
import java.io.IOException;
import org.portscope.sensor.api.RawFrame;

/**
 * Reads the frames of one capture file in order. Each frame gets its own byte array, which passes
 * to the caller. Not thread-safe: one reader, one thread.
 */
public interface FrameReader extends Closeable {
  /**
   * The next frame, or null at the end of the file.
   *
   * @throws CaptureFileException when the file is truncated or corrupt at the next record; frames
   *     returned before stay valid
   */
  RawFrame next() throws IOException;

  /** What kind of file this is, for logs, e.g. {@code "pcap, ethernet, nanosecond timestamps"}. */
  String description();

  /** The file offset just past the last frame or block consumed. */
  long offset();
}
