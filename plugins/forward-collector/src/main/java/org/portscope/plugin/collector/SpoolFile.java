package org.portscope.plugin.collector;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.portscope.sensor.api.wire.BatchId;

/**
 * One spooled batch on disk, named by its spool sequence number: a fixed header (magic, format,
 * sequence, batch id, observation count, frame length, CRC-32C of the frame) and the BATCH frame as
 * the wire codec made it. The header lets a restart rebuild the spool's index without reading
 * frames, and the checksum catches a damaged file before it is sent.
 */
final class SpoolFile {
  static final String SUFFIX = ".batch";
  static final int HEADER = 4 + 1 + 8 + BatchId.BYTES + 4 + 4 + 4;
  private static final int MAGIC = 0x50534342; // "PSCB"
  private static final byte FORMAT = 1;

  private SpoolFile() {}

  /** The file name of sequence number {@code seq}: fixed-width hex, so names sort in spool order. */
  static String name(long seq) {
    return String.format("%016x%s", seq, SUFFIX);
  }

  /** The sequence number in a spool file name, or -1 when the name is not one. */
  static long seqOf(Path file) {
    String n = file.getFileName().toString();
    if (n.length() != 16 + SUFFIX.length() || !n.endsWith(SUFFIX)) {
      return -1;
    }
    try {
      return Long.parseUnsignedLong(n, 0, 16, 16);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Writes the batch so that it either exists whole under its final name or not at all: a temporary
   * file, forced to disk, renamed into place, and the folder forced so the rename survives a crash.
   *
   * @return the file's size in bytes
   */
  static long write(Path dir, SpooledBatch batch) throws IOException {
    Path tmp = dir.resolve("." + name(batch.seq()) + ".tmp");
    ByteBuffer header = ByteBuffer.allocate(HEADER).putInt(MAGIC).put(FORMAT).putLong(batch.seq())
        .putLong(batch.id().hi()).putLong(batch.id().lo()).putInt(batch.count())
        .putInt(batch.frame().length).putInt(crc(batch.frame())).flip();
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer body = ByteBuffer.wrap(batch.frame());
      while (header.hasRemaining() || body.hasRemaining()) {
        ch.write(new ByteBuffer[] {header, body});
      }
      ch.force(true);
    }
    Files.move(tmp, dir.resolve(name(batch.seq())), StandardCopyOption.ATOMIC_MOVE);
    forceFolder(dir);
    return HEADER + (long) batch.frame().length;
  }

  /** What the header says: enough to index a batch without reading its frame. */
  record Header(long seq, BatchId id, int count, long size) {}

  /** Reads the header only, or throws naming what is wrong with the file. */
  static Header readHeader(Path file, long expectedSeq) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer h = ByteBuffer.allocate(HEADER);
      while (h.hasRemaining() && ch.read(h) >= 0) {
        // keep reading: a short read is not the end of the file
      }
      return check(h.flip(), file, expectedSeq, ch.size());
    }
  }

  /** Reads the whole batch and checks it against its header. */
  static SpooledBatch read(Path file, long expectedSeq) throws IOException {
    byte[] all = Files.readAllBytes(file);
    ByteBuffer b = ByteBuffer.wrap(all);
    Header h = check(b, file, expectedSeq, all.length);
    byte[] frame = Arrays.copyOfRange(all, HEADER, all.length);
    if (crc(frame) != b.getInt(HEADER - 4)) {
      throw new IOException(file + ": frame checksum mismatch (damaged file)");
    }
    return new SpooledBatch(h.seq(), h.id(), h.count(), frame);
  }

  private static Header check(ByteBuffer h, Path file, long expectedSeq, long size) throws IOException {
    if (h.remaining() < HEADER) {
      throw new IOException(file + ": " + size + " bytes, shorter than the " + HEADER + "-byte header");
    }
    int magic = h.getInt(0);
    byte format = h.get(4);
    long seq = h.getLong(5);
    BatchId id = new BatchId(h.getLong(13), h.getLong(21));
    int count = h.getInt(29);
    int length = h.getInt(33);
    if (magic != MAGIC || format != FORMAT) {
      throw new IOException(file + ": not a spooled batch (magic/format " + Integer.toHexString(magic)
          + "/" + format + ")");
    }
    if (seq != expectedSeq) {
      throw new IOException(file + ": holds spool entry " + seq + " but its name says " + expectedSeq);
    }
    if (count < 0 || length < 0 || size != HEADER + (long) length) {
      throw new IOException(file + ": " + size + " bytes but the header announces " + length
          + " frame bytes and " + count + " observations (truncated or damaged)");
    }
    return new Header(seq, id, count, size);
  }

  static void forceFolder(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  private static int crc(byte[] body) {
    CRC32C c = new CRC32C();
    c.update(body);
    return (int) c.getValue();
  }
}
