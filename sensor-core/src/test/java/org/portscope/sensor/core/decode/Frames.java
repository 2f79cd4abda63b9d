package org.portscope.sensor.core.decode;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.portscope.sensor.api.IpAddress;
import org.portscope.sensor.api.RawFrame;

/** Hand-assembled packets and frames for the decoder tests; lengths are filled in, checksums are 0. */
final class Frames {
  static final int ETH_IPV4 = 0x0800;
  static final int ETH_IPV6 = 0x86DD;
  static final int ETH_ARP = 0x0806;
  static final int ETH_LLDP = 0x88CC;
  static final int TPID_8021Q = 0x8100;
  static final int TPID_8021AD = 0x88A8;
  static final int TPID_QINQ = 0x9100;

  static final int TCP = 6;
  static final int UDP = 17;
  static final int ICMP = 1;
  static final int ICMP6 = 58;

  /** Linux's SYN options: MSS 1460, SACK permitted, timestamps, NOP, window scale 7 (20 bytes). */
  static final byte[] LINUX_SYN_OPTIONS = {
      2, 4, 0x05, (byte) 0xB4, 4, 2, 8, 10, 0, 0, 0x12, 0x34, 0, 0, 0, 0, 1, 3, 3, 7};
  static final byte[] MSS_ONLY = {2, 4, 0x05, (byte) 0xB4};

  private Frames() {}

  static byte[] tcp(int srcPort, int dstPort, int flags, long seq, long ack, int window,
      byte[] options, int payloadLength) {
    int header = 20 + options.length;
    byte[] b = new byte[header + payloadLength];
    put16(b, 0, srcPort);
    put16(b, 2, dstPort);
    put32(b, 4, seq);
    put32(b, 8, ack);
    b[12] = (byte) ((header / 4) << 4);
    b[13] = (byte) flags;
    put16(b, 14, window);
    System.arraycopy(options, 0, b, 20, options.length);
    fill(b, header);
    return b;
  }

  static byte[] syn(int srcPort, int dstPort) {
    return tcp(srcPort, dstPort, 0x02, 0x9ABC_DEF0L, 0, 1024, MSS_ONLY, 0);
  }

  static byte[] udp(int srcPort, int dstPort, int payloadLength) {
    byte[] b = new byte[8 + payloadLength];
    put16(b, 0, srcPort);
    put16(b, 2, dstPort);
    put16(b, 4, b.length);
    fill(b, 8);
    return b;
  }

  /** An ICMP or ICMPv6 message: type, code, checksum, 4 bytes rest-of-header, payload. */
  static byte[] icmp(int type, int code, int payloadLength) {
    byte[] b = new byte[8 + payloadLength];
    b[0] = (byte) type;
    b[1] = (byte) code;
    put16(b, 4, 0x4242);
    fill(b, 8);
    return b;
  }

  static byte[] ipv4(int protocol, String src, String dst, byte[] body) {
    return ipv4(protocol, src, dst, new byte[0], body);
  }

  /** IPv4 with DF set, TTL 64, ID 0x1234, TOS 0x10; {@code options} a multiple of 4 bytes. */
  static byte[] ipv4(int protocol, String src, String dst, byte[] options, byte[] body) {
    int header = 20 + options.length;
    byte[] b = new byte[header + body.length];
    b[0] = (byte) (0x40 | header / 4);
    b[1] = 0x10;
    put16(b, 2, b.length);
    put16(b, 4, 0x1234);
    put16(b, 6, 0x4000);
    b[8] = 64;
    b[9] = (byte) protocol;
    System.arraycopy(IpAddress.parse(src).toBytes(), 0, b, 12, 4);
    System.arraycopy(IpAddress.parse(dst).toBytes(), 0, b, 16, 4);
    System.arraycopy(options, 0, b, 20, options.length);
    System.arraycopy(body, 0, b, header, body.length);
    return b;
  }

  /** IPv6 with traffic class 0x28 and hop limit 57; {@code body} holds any extension headers. */
  static byte[] ipv6(int nextHeader, String src, String dst, byte[] body) {
    byte[] b = new byte[40 + body.length];
    put32(b, 0, 0x6000_0000L | 0x28L << 20 | 0xBEEF);
    put16(b, 4, body.length);
    b[6] = (byte) nextHeader;
    b[7] = 57;
    System.arraycopy(IpAddress.parse(src).toBytes(), 0, b, 8, 16);
    System.arraycopy(IpAddress.parse(dst).toBytes(), 0, b, 24, 16);
    System.arraycopy(body, 0, b, 40, body.length);
    return b;
  }

  /**
   * An IPv6 extension header of {@code type} (0, 43, 60: length in 8-byte units; 51: AH, in
   * 4-byte units) of {@code length} bytes in total.
   */
  static byte[] extension(int type, int next, int length) {
    byte[] b = new byte[length];
    b[0] = (byte) next;
    b[1] = (byte) (type == 51 ? length / 4 - 2 : length / 8 - 1);
    for (int i = 2; i < length; i++) {
      b[i] = 1; // option bytes: the decoder skips them unread
    }
    return b;
  }

  /** An IPv6 fragment header; {@code offset8} in 8-byte units. */
  static byte[] fragment6(int next, int offset8, boolean more) {
    byte[] b = new byte[8];
    b[0] = (byte) next;
    put16(b, 2, offset8 << 3 | (more ? 1 : 0));
    put32(b, 4, 0xCAFE_F00DL);
    return b;
  }

  static byte[] ethernet(int etherType, byte[] payload) {
    return ethernetTagged(new int[0], etherType, payload);
  }

  /** Ethernet with one tag per TPID, outermost first; the tags carry VLAN ids 100, 101, … */
  static byte[] ethernetTagged(int[] tpids, int etherType, byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2});
    for (int i = 0; i < tpids.length; i++) {
      out.writeBytes(be16(tpids[i]));
      out.writeBytes(be16(0x2000 | (100 + i)));
    }
    out.writeBytes(be16(etherType));
    out.writeBytes(payload);
    return out.toByteArray();
  }

  /** Linux cooked v1: packet type 0 (to us), ARPHRD_ETHER, a 6-byte address. */
  static byte[] sll(int protocol, byte[] payload) {
    byte[] h = new byte[16];
    put16(h, 2, 1);
    put16(h, 4, 6);
    h[6] = 2;
    put16(h, 14, protocol);
    return concat(h, payload);
  }

  /** Linux cooked v2: protocol, reserved, ifindex 3, ARPHRD_ETHER, packet type 0, 6-byte address. */
  static byte[] sll2(int protocol, byte[] payload) {
    byte[] h = new byte[20];
    put16(h, 0, protocol);
    put32(h, 4, 3);
    put16(h, 8, 1);
    h[11] = 6;
    return concat(h, payload);
  }

  /** BSD loopback header: the address family, little- or big-endian. */
  static byte[] loopback(int family, boolean littleEndian, byte[] payload) {
    byte[] h = new byte[4];
    put32(h, 0, family);
    if (littleEndian) {
      h = new byte[] {h[3], h[2], h[1], h[0]};
    }
    return concat(h, payload);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  static RawFrame frame(int linkType, byte[] data) {
    return new RawFrame(1_700_000_000_123_456_789L, linkType, data);
  }

  /** The frame as a snap length of {@code captured} bytes would have stored it. */
  static RawFrame snapped(int linkType, byte[] data, int captured) {
    return new RawFrame(1_700_000_000_123_456_789L, linkType, Arrays.copyOf(data, captured),
        data.length);
  }

  static void put16(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 8);
    b[at + 1] = (byte) v;
  }

  static void put32(byte[] b, int at, long v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  private static byte[] be16(int v) {
    return new byte[] {(byte) (v >>> 8), (byte) v};
  }

  private static void fill(byte[] b, int from) {
    for (int i = from; i < b.length; i++) {
      b[i] = (byte) ('a' + i % 26);
    }
  }
}
