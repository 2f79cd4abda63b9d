package org.portscope.plugin.pcap;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.portscope.sensor.api.FrameSink;

/**
 * Reads pcapng (draft-ietf-opsawg-pcapng): sections in either byte order, Interface Description
 * Blocks with {@code if_tsresol} (decimal and binary) and {@code if_tsoffset}, and the packets of
 * Enhanced, Simple and obsolete Packet Blocks; every other block is skipped. Each section may have
 * several interfaces with different link types.
 */
public final class PcapngFileReader implements FrameReader {
  static final int SECTION_HEADER = 0x0A0D_0D0A;
  static final int INTERFACE_DESCRIPTION = 1;
  static final int OBSOLETE_PACKET = 2;
  static final int SIMPLE_PACKET = 3;
  static final int ENHANCED_PACKET = 6;
  static final int BYTE_ORDER_MAGIC = 0x1A2B_3C4D;

  private final FileInput in;
  private final List<PcapngInterface> interfaces = new ArrayList<>();
  /** SPBs carry no timestamp; they get the last one seen, which keeps time monotonic downstream. */
  private long lastTimestamp;
  /**
   * The packet {@link #nextPacket} found: its link type, where its bytes start in the block, its
   * captured and wire lengths, and the block's length.
   */
  private int packetLinkType;
  private int dataAt;
  private int captured;
  private int wireLength;
  private int blockLength;

  /** Opens {@code file}, which must be a pcapng file. */
  public static PcapngFileReader open(Path file) throws IOException {
    FileInput in = new FileInput(file, FileInput.DEFAULT_WINDOW);
    try {
      return new PcapngFileReader(in);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  PcapngFileReader(FileInput in) throws IOException {
    this.in = in;
    in.order(ByteOrder.BIG_ENDIAN);
    if (!in.fill(4) || in.intAt(0) != SECTION_HEADER) {
      throw in.error(0, "not a pcapng file: it does not start with a section header block (0x0a0d0d0a)");
    }
    readSectionHeader(0);
  }

  @Override
  public boolean lendNext(FrameSink sink, int snaplen) throws IOException, InterruptedException {
    if (!nextPacket()) {
      return false;
    }
    int length = Math.min(captured, snaplen);
    byte[] lent = in.lent(dataAt, length);
    in.advance(blockLength);
    sink.lend(lastTimestamp, packetLinkType, lent, length, wireLength);
    return true;
  }

  /**
   * Reads blocks up to the next packet and leaves its whole block readable, its fields in
   * {@link #packetLinkType}, {@link #dataAt}, {@link #captured}, {@link #wireLength} and
   * {@link #blockLength} (the time in {@link #lastTimestamp}).
   *
   * @return false at the end of the file
   */
  private boolean nextPacket() throws IOException {
    while (true) {
      long at = in.offset();
      if (!in.fill(8)) {
        if (in.available() == 0) {
          return false;
        }
        throw in.error(at, "truncated block header: " + in.available() + " of 8 bytes before the end of the file");
      }
      int type = in.intAt(0);
      if (type == SECTION_HEADER) {
        readSectionHeader(at);
        continue;
      }
      int length = blockLength(at, type, minimumLength(type));
      if (type != ENHANCED_PACKET && type != SIMPLE_PACKET && type != OBSOLETE_PACKET
          && type != INTERFACE_DESCRIPTION) {
        if (!in.skip(length)) {
          throw in.error(at, blockName(type) + " of " + length + " bytes is truncated: the file ends "
              + in.remainingInFile() + " bytes after its start");
        }
        continue;
      }
      readWholeBlock(at, type, length);
      switch (type) {
        case ENHANCED_PACKET -> packet(at, in.intAt(8) & 0xFFFF_FFFFL, 12, length);
        case OBSOLETE_PACKET -> packet(at, in.ushortAt(8), 12, length);
        case SIMPLE_PACKET -> simplePacket(at, length);
        case INTERFACE_DESCRIPTION -> {
          interfaces.add(PcapngOptions.interfaceDescription(in, at, length));
          in.advance(length);
          continue;
        }
        default -> throw new IllegalStateException(blockName(type) + " passed the filter above");
      }
      blockLength = length;
      return true;
    }
  }

  private void readSectionHeader(long at) throws IOException {
    if (!in.fill(12)) {
      throw in.error(at, "truncated section header block: " + in.available() + " of at least 12 bytes");
    }
    in.order(ByteOrder.BIG_ENDIAN);
    int magic = in.intAt(8);
    if (magic == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
      in.order(ByteOrder.LITTLE_ENDIAN);
    } else if (magic != BYTE_ORDER_MAGIC) {
      throw in.error(at + 8, String.format("section header block has byte-order magic 0x%08x, "
          + "expected 0x1a2b3c4d in either byte order", magic));
    }
    int length = blockLength(at, SECTION_HEADER, 28);
    readWholeBlock(at, SECTION_HEADER, length);
    int major = in.ushortAt(12);
    if (major != 1) {
      throw in.error(at + 12, "unsupported pcapng version " + major + "." + in.ushortAt(14) + ", expected 1.x");
    }
    interfaces.clear();
    in.advance(length);
  }

  /**
   * The least total length a block of {@code type} can have: header, fixed fields and trailer
   * (an enhanced or obsolete packet block 32, a simple one 16; the interface description block
   * checks its own).
   */
  private static int minimumLength(int type) {
    return switch (type) {
      case ENHANCED_PACKET, OBSOLETE_PACKET -> 32;
      case SIMPLE_PACKET -> 16;
      default -> 12;
    };
  }

  /** The block's total length, checked for the sanity every block must have. */
  private int blockLength(long at, int type, int minimum) throws IOException {
    long length = in.uintAt(4);
    if (length < minimum || length % 4 != 0 || length > FileInput.MAX_RECORD) {
      throw in.error(at, blockName(type) + " has an invalid total length " + length
          + " (expected a multiple of 4 between " + minimum + " and " + FileInput.MAX_RECORD + "): the file is corrupt");
    }
    return (int) length;
  }

  private void readWholeBlock(long at, int type, int length) throws IOException {
    if (!in.fill(length)) {
      throw in.error(at, blockName(type) + " of " + length + " bytes is truncated: only "
          + in.available() + " bytes before the end of the file");
    }
    long trailer = in.uintAt(length - 4);
    if (trailer != length) {
      throw in.error(at, blockName(type) + " starts with total length " + length
          + " but ends with " + trailer + ": the file is corrupt");
    }
  }

  /** An EPB or OPB: interface id already read, then timestamp, captured and wire length, data. */
  private void packet(long at, long interfaceId, int tsAt, int length) throws IOException {
    PcapngInterface iface = iface(at, interfaceId);
    long ticks = (in.uintAt(tsAt) << 32) | in.uintAt(tsAt + 4);
    long capturedBytes = in.uintAt(tsAt + 8);
    long wire = in.uintAt(tsAt + 12);
    int data = tsAt + 16;
    if (capturedBytes > length - data - 4) {
      throw in.error(at, "packet block claims " + capturedBytes + " captured bytes but its body holds only "
          + (length - data - 4) + ": the file is corrupt");
    }
    lastTimestamp = iface.toEpochNanos(ticks);
    packetLinkType = iface.linkType();
    dataAt = data;
    captured = (int) capturedBytes;
    wireLength = (int) Math.min(Integer.MAX_VALUE, Math.max(wire, capturedBytes));
  }

  /** An SPB: only the wire length; the captured length is bounded by the block and the snap length. */
  private void simplePacket(long at, int length) throws IOException {
    PcapngInterface iface = iface(at, 0);
    long wire = in.uintAt(8);
    long capturedBytes = Math.min(wire, length - 16L);
    if (iface.snaplen() > 0) {
      capturedBytes = Math.min(capturedBytes, iface.snaplen());
    }
    packetLinkType = iface.linkType();
    dataAt = 12;
    captured = (int) capturedBytes;
    wireLength = (int) Math.min(Integer.MAX_VALUE, wire);
  }

  private PcapngInterface iface(long at, long id) throws IOException {
    if (id >= interfaces.size()) {
      throw in.error(at, "packet block refers to interface " + id + " but its section describes "
          + interfaces.size() + " interface(s)");
    }
    return interfaces.get((int) id);
  }

  static String blockName(int type) {
    return switch (type) {
      case SECTION_HEADER -> "section header block";
      case INTERFACE_DESCRIPTION -> "interface description block";
      case OBSOLETE_PACKET -> "packet block";
      case SIMPLE_PACKET -> "simple packet block";
      case ENHANCED_PACKET -> "enhanced packet block";
      default -> String.format("block of type 0x%08x", type);
    };
  }

  @Override
  public String description() {
    return "pcapng";
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
