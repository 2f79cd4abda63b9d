package org.portscope.plugin.pcap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.portscope.sensor.api.FrameSink;
import org.portscope.sensor.api.RawFrame;

/** Test data and reading helpers shared by the reader tests. */
final class Frames {
  private Frames() {}

  /** Deterministic pseudo-random bytes. */
  static byte[] bytes(long seed, int length) {
    byte[] out = new byte[length];
    new Random(seed).nextBytes(out);
    return out;
  }

  /** Every frame of {@code file}; the reader's exception propagates. */
  static List<RawFrame> readAll(Path file) throws IOException {
    return readAll(file, FileInputBuffer.DEFAULT, new ArrayList<>());
  }

  /** Reads into {@code into}, so a test can see what was delivered before an error. */
  static List<RawFrame> readAll(Path file, int bufferSize, List<RawFrame> into) throws IOException {
    try (FrameReader reader = CaptureFiles.open(file, bufferSize)) {
      RawFrame frame;
      while ((frame = next(reader)) != null) {
        into.add(frame);
      }
    }
    return into;
  }

  /** The next frame in an array of its own, or null at the end: what the reader lends, copied. */
  static RawFrame next(FrameReader reader) throws IOException {
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
      return reader.lendNext(keep, Integer.MAX_VALUE) ? kept[0] : null;
    } catch (InterruptedException e) {
      throw new AssertionError("put() above never waits", e);
    }
  }

  /** Mapped window sizes worth testing: the production one and one smaller than most records. */
  static final class FileInputBuffer {
    static final int DEFAULT = FileInput.DEFAULT_WINDOW;
    static final int TINY = 16;

    private FileInputBuffer() {}
  }
}
