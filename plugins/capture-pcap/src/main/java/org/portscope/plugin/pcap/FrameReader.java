package org.portscope.plugin.pcap;

import java.io.Closeable;
import java.io.IOException;
import org.portscope.sensor.api.FrameSink;

/**
 * Reads the frames of one capture file in order: {@link #lendNext} lends one array over and over.
 * Not thread-safe: one reader, one thread.
 */
public interface FrameReader extends Closeable {
  /**
   * Reads the next frame and lends it to {@code sink} ({@link FrameSink#lend}) from an array the
   * reader reuses, cut to at most {@code snaplen} bytes (its wire length kept).
   *
   * @return false at the end of the file
   * @throws CaptureFileException when the file is truncated or corrupt at the next record; frames
   *     delivered before stay valid
   */
  boolean lendNext(FrameSink sink, int snaplen) throws IOException, InterruptedException;

  /**
   * When the file is now shorter than what was already read of it, i.e. it was cut while being
   * read, the error that says so (what the reader threw or returned since is no verdict on the
   * file's contents); otherwise null.
   */
  CaptureFileException truncation() throws IOException;

  /** What kind of file this is, for logs, e.g. {@code "pcap, ethernet, nanosecond timestamps"}. */
  String description();

  /** The file offset just past the last frame or block consumed. */
  long offset();
}
