package org.portscope.plugin.pcap;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.portscope.sensor.api.FrameSink;
import org.portscope.sensor.api.LinkType;

/**
 * Reads the classic pcap format (libpcap's savefile): a 24-byte file header, then records of a
 * 16-byte header and the captured bytes. Both byte orders, microsecond ({@code 0xa1b2c3d4}) and
 * nanosecond ({@code 0xa1b23c4d}) timestamps.
 */
public final class PcapFileReader implements FrameReader {
  static final int MAGIC_MICROS = 0xA1B2_C3D4;
  static final int MAGIC_NANOS = 0xA1B2_3C4D;
  private static final int FILE_HEADER = 24;
  private static final int RECORD_HEADER = 16;
  /** libpcap's own ceiling for a record (MAXIMUM_SNAPLEN); larger file snap lengths are honoured. */
  private static final int LIBPCAP_MAX_SNAPLEN = 262_144;

  private final FileInput in;
  private final int linkType;
  private final boolean nanos;
  private final long snaplen;
  private final long maxCaptured;
  /** The record {@link #nextRecord} read: capture time, captured bytes, length on the wire. */
  private long timestamp;
  private int captured;
  private int wireLength;

  /** Opens {@code file}, which must be a pcap file. */
  public static PcapFileReader open(Path file) throws IOException {
    FileInput in = new FileInput(file, FileInput.DEFAULT_WINDOW);
    try {
      return new PcapFileReader(in);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  static boolean isMagic(int bigEndianMagic) {
    int swapped = Integer.reverseBytes(bigEndianMagic);
    return bigEndianMagic == MAGIC_MICROS || bigEndianMagic == MAGIC_NANOS
        || swapped == MAGIC_MICROS || swapped == MAGIC_NANOS;
  }

  PcapFileReader(FileInput in) throws IOException {
    this.in = in;
    if (!in.fill(FILE_HEADER)) {
      throw in.error(0, "truncated pcap file header: " + in.available() + " of " + FILE_HEADER + " bytes");
    }
    in.order(ByteOrder.BIG_ENDIAN);
    int magic = in.intAt(0);
    if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
      in.order(ByteOrder.LITTLE_ENDIAN);
      magic = in.intAt(0);
    }
    if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
      throw in.error(0, String.format("not a pcap file: magic 0x%08x, expected 0xa1b2c3d4 or 0xa1b23c4d "
          + "in either byte order", in.intAt(0)));
    }
    int major = in.ushortAt(4);
    if (major != 2) {
      throw in.error(4, "unsupported pcap version " + major + "." + in.ushortAt(6) + ", expected 2.x");
    }
    this.nanos = magic == MAGIC_NANOS;
    this.snaplen = in.uintAt(16);
    // The upper bits carry FCS information (pcap spec LinkType field); the type is the low 16.
    this.linkType = in.ushortAt(in.order() == ByteOrder.BIG_ENDIAN ? 22 : 20);
    this.maxCaptured = Math.min(FileInput.MAX_RECORD, Math.max(snaplen, LIBPCAP_MAX_SNAPLEN));
    in.advance(FILE_HEADER);
  }

  /** The file's link type (a LINKTYPE_ value). */
  public int linkType() {
    return linkType;
  }

  /** Whether the file stores nanosecond (rather than microsecond) timestamps. */
  public boolean nanosecondTimestamps() {
    return nanos;
  }

  @Override
  public boolean lendNext(FrameSink sink, int snaplen) throws IOException, InterruptedException {
    if (!nextRecord()) {
      return false;
    }
    int length = Math.min(captured, snaplen);
    byte[] lent = in.lent(RECORD_HEADER, length);
    in.advance(RECORD_HEADER + captured);
    sink.lend(timestamp, linkType, lent, length, wireLength);
    return true;
  }

  /**
   * Reads the next record's header into {@link #timestamp}, {@link #captured} and
   * {@link #wireLength}, and makes its bytes readable.
   *
   * @return false at the end of the file
   */
  private boolean nextRecord() throws IOException {
    long at = in.offset();
    if (!in.fill(RECORD_HEADER)) {
      if (in.available() == 0) {
        return false;
      }
      throw in.error(at, "truncated record header: " + in.available() + " of " + RECORD_HEADER
          + " bytes before the end of the file");
    }
    long seconds = in.uintAt(0);
    long fraction = in.uintAt(4);
    long capturedBytes = in.uintAt(8);
    long wire = in.uintAt(12);
    if (capturedBytes > maxCaptured) {
      throw in.error(at, "record claims " + capturedBytes + " captured bytes, more than the file's snap length "
          + snaplen + " allows (at most " + maxCaptured + "): the file is corrupt");
    }
    captured = (int) capturedBytes;
    if (!in.fill(RECORD_HEADER + captured)) {
      throw in.error(at, "truncated record: " + captured + " captured bytes announced but only "
          + (in.available() - RECORD_HEADER) + " follow before the end of the file");
    }
    timestamp = seconds * 1_000_000_000L + (nanos ? fraction : fraction * 1_000);
    wireLength = (int) Math.min(Integer.MAX_VALUE, Math.max(wire, capturedBytes));
    return true;
  }

  @Override
  public String description() {
    return "pcap, " + LinkType.name(linkType) + ", " + (nanos ? "nanosecond" : "microsecond") + " timestamps";
  }

  @Override
  public long offset() {
    return in.offset();
  }

  @Override
  public CaptureFileException truncation() throws IOException {
    return in.truncation();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
