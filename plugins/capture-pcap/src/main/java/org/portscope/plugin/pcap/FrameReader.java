package org.portscope.plugin.pcap;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import org.portscope.sensor.api.FrameSink;
import org.portscope.sensor.api.RawFrame;

/**
 * Reads the frames of one capture file in order: {@link #lendNext} lends one array over and over,
 * {@link #next} gives each frame its own. Not thread-safe: one reader, one thread.
 */
public interface FrameReader extends Closeable {
  /**
   * The next frame in an array of its own, or null at the end of the file: {@link #lendNext}, with
   * the frame copied out (the sink's default {@code lend}).
   *
   * @throws CaptureFileException as {@link #lendNext}
   */
  default RawFrame next() throws IOException {
    RawFrame[] kept = new RawFrame[1];
    FrameSink keep = new FrameSink() {
      @Override
      public boolean offer(RawFrame frame) {
        kept[0] = frame;
        return true;
      }

      @Override
      public void put(RawFrame frame) {
        kept[0] = frame;
      }
    };
    try {
      return lendNext(keep, Integer.MAX_VALUE) ? kept[0] : null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // put() above never waits: not reached
      throw new InterruptedIOException("interrupted while reading " + description());
    }
  }

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
   * Whether the file is now shorter than what was already read of it, i.e. it was cut while being
   * read: then what the reader threw or returned since is no verdict on the file's contents.
   */
  boolean truncated() throws IOException;

  /** What kind of file this is, for logs, e.g. {@code "pcap, ethernet, nanosecond timestamps"}. */
  String description();

  /** The file offset just past the last frame or block consumed. */
  long offset();
}
