package org.portscope.plugin.pcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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

  /**
   * Reads into {@code into}, so a test can see what was delivered before an error. The file is
   * read twice, with {@link FrameReader#next} and with {@link FrameReader#lendNext}, and both must
   * give the same frames and end the same way.
   */
  static List<RawFrame> readAll(Path file, int bufferSize, List<RawFrame> into) throws IOException {
    List<RawFrame> lent = new ArrayList<>();
    String lentFailure = null;
    try (FrameReader reader = CaptureFiles.open(file, bufferSize)) {
      FrameSink copying = new FrameSink() {
        @Override
        public boolean offer(RawFrame frame) {
          throw new AssertionError("a reader lends");
        }

        @Override
        public void put(RawFrame frame) {
          throw new AssertionError("a reader lends");
        }

        @Override
        public void lend(long timestampNanos, int linkType, byte[] data, int length, int wireLength) {
          lent.add(new RawFrame(timestampNanos, linkType, Arrays.copyOf(data, length), wireLength));
        }
      };
      while (reader.lendNext(copying, Integer.MAX_VALUE)) {
        // collected by the sink
      }
    } catch (IOException e) {
      lentFailure = e.getMessage();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    try (FrameReader reader = CaptureFiles.open(file, bufferSize)) {
      RawFrame frame;
      while ((frame = reader.next()) != null) {
        into.add(frame);
      }
    } catch (IOException e) {
      assertEquals(e.getMessage(), lentFailure, "lendNext ends as next does");
      assertSameFrames(into, lent);
      throw e;
    }
    assertNull(lentFailure, "lendNext failed where next did not");
    assertSameFrames(into, lent);
    return into;
  }

  private static void assertSameFrames(List<RawFrame> expected, List<RawFrame> actual) {
    assertEquals(expected.size(), actual.size(), "frames lent");
    for (int i = 0; i < expected.size(); i++) {
      RawFrame e = expected.get(i);
      RawFrame a = actual.get(i);
      assertEquals(e.timestampNanos(), a.timestampNanos(), "lent frame " + i);
      assertEquals(e.linkType(), a.linkType(), "lent frame " + i);
      assertEquals(e.wireLength(), a.wireLength(), "lent frame " + i);
      assertArrayEquals(e.data(), a.data(), "lent frame " + i);
    }
  }

  /** Buffer sizes worth testing: the production one and one smaller than most records. */
  static final class FileInputBuffer {
    static final int DEFAULT = FileInput.DEFAULT_WINDOW;
    static final int TINY = 16;

    private FileInputBuffer() {}
  }
}
