package org.portscope.plugin.pcap;

import java.io.Closeable;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A window over a capture file, read with absolute gets relative to the current position.
 * Readers ask for a whole record at once ({@link #fill}), so the per-frame cost is a bounds check
 * and one copy.
 *
 * <p>The file (always a regular one: the plugin's config refuses anything else) is memory-mapped,
 * one window at a time, and frames are copied straight out of the page cache. Reading it instead
 * copied every byte twice before the frame's own copy (kernel to a temporary direct buffer, then
 * to the heap). A file cut short while mapped makes the JVM throw an {@link InternalError} on an
 * access to the lost part, possibly a little later than the access; {@link #shrank} tells that
 * case apart, and {@link PcapCaptureSource} reports it as a cut. Not thread-safe.
 */
final class FileInput implements Closeable {
  /** The mapped window: large enough that remapping is rare. */
  static final int DEFAULT_WINDOW = 8 << 20;
  /** The largest record or block accepted; anything bigger is taken as corruption. */
  static final int MAX_RECORD = 64 << 20;
  private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);
  /** sun.misc.Unsafe and its invokeCleaner, to unmap a window at once; null where unavailable. */
  private static final Object UNSAFE;
  private static final Method UNMAPPER;

  static {
    Object unsafe = null;
    Method unmapper = null;
    try {
      Class<?> type = Class.forName("sun.misc.Unsafe");
      Field field = type.getDeclaredField("theUnsafe");
      field.setAccessible(true);
      unsafe = field.get(null);
      unmapper = type.getMethod("invokeCleaner", ByteBuffer.class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // without jdk.unsupported, windows are unmapped by the collector
    }
    UNSAFE = unsafe;
    UNMAPPER = unmapper;
  }

  private final Path file;
  private final FileChannel channel;
  private final int window;
  private ByteBuffer buf = NOTHING;
  /**
   * The current position in {@code buf}, and the end of what it holds; kept here rather than as
   * the buffer's own position and limit, whose checked updates are a noticeable part of reading
   * a frame.
   */
  private int pos;
  private int limit;
  /** File offset of {@code buf} index 0. */
  private long bufStart;
  private ByteOrder order = ByteOrder.BIG_ENDIAN;
  /** The end of the furthest window mapped so far: the file was at least this long. */
  private long mappedEnd;
  private byte[] lent = new byte[2048];

  FileInput(Path file, int window) throws IOException {
    this.file = file;
    this.channel = FileChannel.open(file, StandardOpenOption.READ);
    this.window = window;
  }

  Path file() {
    return file;
  }

  /** File offset of the current position. */
  long offset() {
    return bufStart + pos;
  }

  /** Bytes readable from the current position without touching the file. */
  int available() {
    return limit - pos;
  }

  void order(ByteOrder order) {
    this.order = order;
    if (buf != NOTHING) {
      buf.order(order);
    }
  }

  ByteOrder order() {
    return order;
  }

  /**
   * Makes {@code n} bytes readable from the current position, mapping a new window from there if
   * need be (the file may have grown since the last one).
   *
   * @return false when the file ends first; {@link #available} then tells how many there are
   * @throws CaptureFileException when the file is now shorter than what was already mapped
   */
  boolean fill(int n) throws IOException {
    if (limit - pos >= n) {
      return true;
    }
    long at = offset();
    long size = channel.size();
    if (size < mappedEnd) {
      throw cutShort(size);
    }
    release(buf);
    buf = NOTHING; // consistent, should mapping fail: a released window must never be read
    bufStart = at;
    pos = 0;
    limit = 0;
    long length = Math.max(0, Math.min(Math.max(window, n), size - at));
    if (length > 0) {
      buf = channel.map(FileChannel.MapMode.READ_ONLY, at, length).order(order);
      limit = (int) length;
      mappedEnd = Math.max(mappedEnd, at + length);
    }
    return limit >= n;
  }

  /**
   * When the file is now shorter than what was mapped of it (it was cut while being read), the
   * error that says so; otherwise null. The one place that words it, whoever notices the cut.
   */
  CaptureFileException truncation() throws IOException {
    long size = channel.size();
    return size < mappedEnd ? cutShort(size) : null;
  }

  private CaptureFileException cutShort(long size) {
    return error(offset(), "the file was cut short while being read: it is now " + size
        + " bytes long, and at least " + mappedEnd + " before");
  }

  /**
   * Unmaps a window now rather than when the collector gets to it: a first pass over a large file
   * allocates next to nothing, so without this every window it read would stay mapped until then.
   * Nothing else holds a window (frames are copied out of it).
   */
  private static void release(ByteBuffer window) {
    if (window.isDirect() && UNMAPPER != null) {
      try {
        UNMAPPER.invoke(UNSAFE, window);
      } catch (ReflectiveOperationException e) {
        // left to the collector
      }
    }
  }

  int intAt(int rel) {
    return buf.getInt(pos + rel);
  }

  long uintAt(int rel) {
    return buf.getInt(pos + rel) & 0xFFFF_FFFFL;
  }

  int ushortAt(int rel) {
    return buf.getShort(pos + rel) & 0xFFFF;
  }

  int ubyteAt(int rel) {
    return buf.get(pos + rel) & 0xFF;
  }

  long longAt(int rel) {
    return buf.getLong(pos + rel);
  }

  /**
   * Copies {@code len} bytes at {@code rel} to the start of the array this input lends frames in
   * (grown to the longest frame, reused for the next); the caller made them readable.
   */
  byte[] lent(int rel, int len) {
    if (lent.length < len) {
      lent = new byte[Math.max(len, lent.length * 2)];
    }
    buf.get(pos + rel, lent, 0, len);
    return lent;
  }

  void advance(int n) {
    pos += n;
  }

  /**
   * Moves {@code n} bytes forward without reading them (e.g. an unknown pcapng block).
   *
   * @return false when the file is shorter than that
   */
  boolean skip(long n) throws IOException {
    if (n <= limit - pos) {
      advance((int) n);
      return true;
    }
    long target = offset() + n;
    if (target > channel.size()) {
      return false;
    }
    bufStart = target;
    pos = 0;
    limit = 0;
    return true;
  }

  /** Bytes from the current position to the end of the file. */
  long remainingInFile() throws IOException {
    return channel.size() - offset();
  }

  CaptureFileException error(long at, String problem) {
    return new CaptureFileException(file, at, problem);
  }

  @Override
  public void close() throws IOException {
    release(buf);
    buf = NOTHING;
    pos = 0;
    limit = 0;
    channel.close();
  }
}
