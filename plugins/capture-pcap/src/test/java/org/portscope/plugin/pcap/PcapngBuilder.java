package org.portscope.plugin.pcap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes pcapng files block by block for tests, independently of the reader under test. */
final class PcapngBuilder {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private ByteOrder order = ByteOrder.BIG_ENDIAN;

  /** A Section Header Block in {@code byteOrder}, with an shb_userappl option. */
  PcapngBuilder section(ByteOrder byteOrder) {
    order = byteOrder;
    ByteBuffer body = buffer(16 + option(4, "portscope test".getBytes(StandardCharsets.UTF_8)).length + 4);
    body.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1L)
        .put(option(4, "portscope test".getBytes(StandardCharsets.UTF_8))).putInt(0);
    return block(0x0A0D0D0A, body.array());
  }

  /**
   * An Interface Description Block.
   *
   * @param tsresol the if_tsresol byte, or -1 for none (microseconds)
   * @param tsoffset if_tsoffset seconds, or 0 for none
   */
  PcapngBuilder iface(int linkType, int snaplen, int tsresol, long tsoffset) {
    ByteArrayOutputStream options = new ByteArrayOutputStream();
    options.writeBytes(option(2, "eth-test".getBytes(StandardCharsets.UTF_8)));
    if (tsresol >= 0) {
      options.writeBytes(option(9, new byte[] {(byte) tsresol}));
    }
    if (tsoffset != 0) {
      options.writeBytes(option(14, buffer(8).putLong(tsoffset).array()));
    }
    options.writeBytes(buffer(4).putInt(0).array());
    ByteBuffer body = buffer(8 + options.size());
    body.putShort((short) linkType).putShort((short) 0).putInt(snaplen).put(options.toByteArray());
    return block(1, body.array());
  }

  PcapngBuilder iface(int linkType) {
    return iface(linkType, 262144, -1, 0);
  }

  /** An Enhanced Packet Block; {@code ticks} in the interface's resolution. */
  PcapngBuilder epb(int interfaceId, long ticks, byte[] data, int wireLength) {
    ByteBuffer body = buffer(20 + padded(data.length) + 12);
    body.putInt(interfaceId).putInt((int) (ticks >>> 32)).putInt((int) ticks).putInt(data.length)
        .putInt(wireLength).put(data).position(20 + padded(data.length));
    body.put(option(1, buffer(4).putInt(1).array())).putInt(0); // epb_flags: inbound, then opt_endofopt
    return block(6, body.array());
  }

  PcapngBuilder epb(int interfaceId, long ticks, byte[] data) {
    return epb(interfaceId, ticks, data, data.length);
  }

  /** An obsolete Packet Block (type 2). */
  PcapngBuilder opb(int interfaceId, long ticks, byte[] data, int wireLength) {
    ByteBuffer body = buffer(20 + padded(data.length));
    body.putShort((short) interfaceId).putShort((short) 0).putInt((int) (ticks >>> 32)).putInt((int) ticks)
        .putInt(data.length).putInt(wireLength).put(data);
    return block(2, body.array());
  }

  /** A Simple Packet Block: only the wire length; the data as given (already cut by snaplen). */
  PcapngBuilder spb(byte[] data, int wireLength) {
    ByteBuffer body = buffer(4 + padded(data.length));
    body.putInt(wireLength).put(data);
    return block(3, body.array());
  }

  /** Any block, with the body padded to 4 bytes. */
  PcapngBuilder block(int type, byte[] body) {
    int length = 12 + padded(body.length);
    ByteBuffer block = buffer(length);
    block.putInt(type).putInt(length).put(body).position(length - 4);
    block.putInt(length);
    out.writeBytes(block.array());
    return this;
  }

  PcapngBuilder raw(byte[] bytes) {
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

  private byte[] option(int code, byte[] value) {
    ByteBuffer option = buffer(4 + padded(value.length));
    option.putShort((short) code).putShort((short) value.length).put(value);
    return option.array();
  }

  private ByteBuffer buffer(int size) {
    return ByteBuffer.allocate(size).order(order);
  }

  static int padded(int length) {
    return (length + 3) & ~3;
  }
}
