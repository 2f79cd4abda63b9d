package org.portscope.plugin.pcap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes classic pcap files for tests, independently of the reader under test. */
final class PcapBuilder {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteOrder order;
  private final boolean nanos;

  PcapBuilder(ByteOrder order, boolean nanos, int linkTypeField, int snaplen) {
    this.order = order;
    this.nanos = nanos;
    ByteBuffer header = ByteBuffer.allocate(24).order(order);
    header.putInt(nanos ? 0xA1B23C4D : 0xA1B2C3D4).putShort((short) 2).putShort((short) 4)
        .putInt(0).putInt(0).putInt(snaplen).putInt(linkTypeField);
    out.writeBytes(header.array());
  }

  /** A record; {@code epochNanos} is cut to microseconds unless the file is nanosecond. */
  PcapBuilder record(long epochNanos, byte[] data, int wireLength) {
    ByteBuffer header = ByteBuffer.allocate(16).order(order);
    long seconds = epochNanos / 1_000_000_000L;
    long fraction = epochNanos % 1_000_000_000L;
    header.putInt((int) seconds).putInt((int) (nanos ? fraction : fraction / 1000))
        .putInt(data.length).putInt(wireLength);
    out.writeBytes(header.array());
    out.writeBytes(data);
    return this;
  }

  PcapBuilder record(long epochNanos, byte[] data) {
    return record(epochNanos, data, data.length);
  }

  /** Raw bytes as they are, e.g. a damaged record. */
  PcapBuilder raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  int size() {
    return out.size();
  }

  byte[] bytes() {
    return out.toByteArray();
  }

  Path write(Path file) throws IOException {
    return Files.write(file, bytes());
  }
}
