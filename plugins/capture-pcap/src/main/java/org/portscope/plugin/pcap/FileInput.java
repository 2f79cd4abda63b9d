package org.portscope.plugin.pcap;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A read-ahead window over a capture file: one large heap buffer refilled from a
 * {@link FileChannel}, read with absolute gets relative to the current position. Readers ask for
 * a whole record at once ({@link #fill}), so the per-frame cost is a bounds check and one copy.
 * The buffer is on the heap because frames are copied out of it one by one: a small
 * {@code System.arraycopy} costs a fraction of a direct buffer's bulk get with its checks.
 * Not thread-safe.
 */
final class FileInput implements Closeable {
  /** Read-ahead size: large enough that refills are rare, small enough to stay in L2/L3 cache. */
  static final int DEFAULT_BUFFER = 1 << 20;
  /** The largest record or block accepted; anything bigger is taken as corruption. */
  static final int MAX_RECORD = 64 << 20;

  private final Path file;
  private final FileChannel channel;
  private ByteBuffer buf;
  /** File offset of {@code buf} index 0; the channel's position is always bufStart + limit. */
  private long bufStart;
  private boolean eof;

  FileInput(Path file, int bufferSize) throws IOException {
    this.file = file;
    this.channel = FileChannel.open(file, StandardOpenOption.READ);
    this.buf = ByteBuffer.allocate(bufferSize);
    buf.limit(0);
  }

  Path file() {
    return file;
  }

  /** File offset of the current position. */
  long offset() {
    return bufStart + buf.position();
  }

  /** Bytes readable from the current position without touching the file. */
  int available() {
    return buf.remaining();
  }

  void order(ByteOrder order) {
    buf.order(order);
  }

  ByteOrder order() {
    return buf.order();
  }

  /**
   * Makes {@code n} bytes readable from the current position.
   *
   * @return false when the file ends first; {@link #available} then tells how many there are
   */
  boolean fill(int n) throws IOException {
    if (buf.remaining() >= n) {
      return true;
    }
    if (n > buf.capacity()) {
      grow(n);
    }
    bufStart += buf.position();
    buf.compact();
    while (buf.position() < n && !eof) {
      if (channel.read(buf) < 0) {
        eof = true;
      }
    }
    buf.flip();
    return buf.remaining() >= n;
  }

  private void grow(int n) {
    ByteBuffer bigger = ByteBuffer.allocate(Math.max(n, Math.min(MAX_RECORD, buf.capacity() * 2)));
    bigger.order(buf.order());
    bufStart += buf.position();
    bigger.put(buf);
    bigger.flip();
    buf = bigger;
  }

  int intAt(int rel) {
    return buf.getInt(buf.position() + rel);
  }

  long uintAt(int rel) {
    return buf.getInt(buf.position() + rel) & 0xFFFF_FFFFL;
  }

  int ushortAt(int rel) {
    return buf.getShort(buf.position() + rel) & 0xFFFF;
  }

  int ubyteAt(int rel) {
    return buf.get(buf.position() + rel) & 0xFF;
  }

  long longAt(int rel) {
    return buf.getLong(buf.position() + rel);
  }

  /** A fresh copy of {@code len} bytes at {@code rel}; the caller has made them readable. */
  byte[] bytes(int rel, int len) {
    byte[] out = new byte[len];
    System.arraycopy(buf.array(), buf.arrayOffset() + buf.position() + rel, out, 0, len);
    return out;
  }

  void advance(int n) {
    buf.position(buf.position() + n);
  }

  /**
   * Moves {@code n} bytes forward without reading them (e.g. an unknown pcapng block).
   *
   * @return false when the file is shorter than that
   */
  boolean skip(long n) throws IOException {
    if (n <= buf.remaining()) {
      advance((int) n);
      return true;
    }
    long target = offset() + n;
    if (target > channel.size()) {
      return false;
    }
    channel.position(target);
    bufStart = target;
    buf.position(0).limit(0);
    eof = false;
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
    channel.close();
  }
}
