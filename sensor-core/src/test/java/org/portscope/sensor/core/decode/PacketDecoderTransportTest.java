package org.portscope.sensor.core.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.portscope.sensor.core.decode.Frames.ETH_IPV4;
import static org.portscope.sensor.core.decode.Frames.ETH_IPV6;
import static org.portscope.sensor.core.decode.Frames.ICMP;
import static org.portscope.sensor.core.decode.Frames.ICMP6;
import static org.portscope.sensor.core.decode.Frames.TCP;
import static org.portscope.sensor.core.decode.Frames.UDP;
import static org.portscope.sensor.core.decode.Frames.frame;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.portscope.sensor.api.LinkType;
import org.portscope.sensor.api.Protocol;
import org.portscope.sensor.api.RawFrame;
import org.portscope.sensor.api.TcpFlags;
import org.portscope.sensor.api.TcpOptions;

class PacketDecoderTransportTest {
  private static final int L4 = 14 + 20; // Ethernet + IPv4 without options

  private final PacketDecoder decoder = new PacketDecoder();
  private final PacketView view = new PacketView();

  private static byte[] v4(int protocol, byte[] body) {
    return Frames.ethernet(ETH_IPV4, Frames.ipv4(protocol, "192.0.2.1", "192.0.2.2", body));
  }

  private static byte[] v6(int protocol, byte[] body) {
    return Frames.ethernet(ETH_IPV6, Frames.ipv6(protocol, "2001:db8::1", "2001:db8::2", body));
  }

  private DecodeOutcome decode(byte[] data) {
    return decoder.decode(frame(LinkType.ETHERNET, data), view);
  }

  private DecodeOutcome decodeCut(byte[] data, int captured) {
    return decoder.decode(Frames.snapped(LinkType.ETHERNET, data, captured), view);
  }

  @Test
  void tcpFields() {
    byte[] f = v4(TCP, Frames.tcp(65535, 8443, TcpFlags.SYN | TcpFlags.ECE | TcpFlags.CWR,
        0xFFFF_FFFEL, 0x8000_0001L, 64240, Frames.LINUX_SYN_OPTIONS, 7));
    assertEquals(DecodeOutcome.OK, decode(f));
    assertSame(Protocol.TCP, view.protocol());
    assertEquals(65535, view.srcPort());
    assertEquals(8443, view.dstPort());
    assertEquals(0xC2, view.tcpFlags());
    assertEquals(0xFFFF_FFFEL, view.seq(), "unsigned");
    assertEquals(0x8000_0001L, view.ack(), "unsigned");
    assertEquals(64240, view.window());
    assertEquals(L4 + 20, view.tcpOptionsOffset());
    assertEquals(20, view.tcpOptionsLength());
    assertSame(f, view.data(), "the view reads the frame's own array");
    assertArrayEquals(Frames.LINUX_SYN_OPTIONS, Arrays.copyOfRange(view.data(),
        view.tcpOptionsOffset(), view.tcpOptionsOffset() + view.tcpOptionsLength()));
    assertEquals("M,S,T,N,W", view.tcpOptions().layout());
    assertEquals(7, view.payloadLength());
    assertEquals(L4 + 40, view.payloadOffset());
    assertEquals(-1, view.icmpType());
  }

  @Test
  void tcpWithoutOptions() {
    assertEquals(DecodeOutcome.OK, decode(v4(TCP, Frames.tcp(1, 2, TcpFlags.RST, 0, 0, 0,
        new byte[0], 0))));
    assertEquals(0, view.tcpOptionsLength());
    assertSame(TcpOptions.NONE, view.tcpOptions());
  }

  @Test
  void tcpDataOffsetOutOfRange() {
    byte[] f = v4(TCP, Frames.tcp(1, 2, TcpFlags.SYN, 0, 0, 0, Frames.MSS_ONLY, 0));
    for (int words = 0; words < 5; words++) {
      f[L4 + 12] = (byte) (words << 4);
      assertEquals(DecodeOutcome.BAD_TCP_DATA_OFFSET, decode(f), "data offset " + words);
    }
    f[L4 + 12] = 0x70; // 28 bytes, but the segment has 24
    assertEquals(DecodeOutcome.BAD_TCP_DATA_OFFSET, decode(f));
  }

  @Test
  void tcpTruncatedAtEveryByte() {
    byte[] f = v4(TCP, Frames.tcp(1, 2, TcpFlags.SYN, 0, 0, 0, Frames.LINUX_SYN_OPTIONS, 0));
    for (int n = L4; n < f.length; n++) {
      assertEquals(DecodeOutcome.TRUNCATED_TCP, decodeCut(f, n), "captured " + n);
    }
    // The same lengths on the wire: the IP total length ends inside the header.
    for (int ipLength = 20; ipLength < 60; ipLength++) {
      byte[] g = f.clone();
      Frames.put16(g, 14 + 2, ipLength);
      DecodeOutcome expected =
          ipLength < 40 ? DecodeOutcome.TRUNCATED_TCP : DecodeOutcome.BAD_TCP_DATA_OFFSET;
      assertEquals(expected, decode(g), "IP total length " + ipLength);
    }
  }

  @Test
  void snapLengthKeepsTheTruePayloadLength() {
    byte[] f = v4(TCP, Frames.tcp(1, 80, TcpFlags.PSH | TcpFlags.ACK, 9, 9, 9, Frames.MSS_ONLY,
        1400));
    assertEquals(DecodeOutcome.OK, decodeCut(f, L4 + 24));
    assertEquals(1400, view.payloadLength());
    assertEquals(0, view.capturedPayloadLength());
    assertEquals(DecodeOutcome.OK, decodeCut(f, 96));
    assertEquals(1400, view.payloadLength());
    assertEquals(96 - L4 - 24, view.capturedPayloadLength());

    byte[] u = v6(UDP, Frames.udp(1, 53, 900));
    assertEquals(DecodeOutcome.OK, decodeCut(u, 14 + 40 + 8));
    assertEquals(900, view.payloadLength());
  }

  @Test
  void udp() {
    assertEquals(DecodeOutcome.OK, decode(v4(UDP, Frames.udp(61000, 1900, 90))));
    assertSame(Protocol.UDP, view.protocol());
    assertEquals(61000, view.srcPort());
    assertEquals(1900, view.dstPort());
    assertEquals(90, view.payloadLength());
    assertEquals(-1, view.tcpFlags());
    assertEquals(-1, view.seq());
    assertEquals(-1, view.tcpOptionsLength());
    assertEquals(-1, view.icmpType());
  }

  @Test
  void udpTruncated() {
    byte[] f = v4(UDP, Frames.udp(1, 2, 0));
    for (int n = L4; n < L4 + 8; n++) {
      assertEquals(DecodeOutcome.TRUNCATED_UDP, decodeCut(f, n), "captured " + n);
      byte[] g = f.clone();
      Frames.put16(g, 14 + 2, n - 14);
      assertEquals(DecodeOutcome.TRUNCATED_UDP, decode(g), "IP total length " + (n - 14));
    }
  }

  @Test
  void icmp() {
    assertEquals(DecodeOutcome.OK, decode(v4(ICMP, Frames.icmp(3, 3, 28))));
    assertSame(Protocol.ICMP, view.protocol());
    assertEquals(3, view.icmpType());
    assertEquals(3, view.icmpCode());
    assertEquals(28, view.payloadLength());
    assertEquals(-1, view.srcPort());
    assertEquals(-1, view.dstPort());
    assertEquals(DecodeOutcome.OTHER_TRANSPORT, decode(v4(ICMP6, Frames.icmp(128, 0, 0))),
        "ICMPv6 inside IPv4");
  }

  @Test
  void icmpTruncated() {
    byte[] f4 = v4(ICMP, Frames.icmp(8, 0, 0));
    byte[] f6 = v6(ICMP6, Frames.icmp(135, 0, 0));
    for (int i = 0; i < 8; i++) {
      assertEquals(DecodeOutcome.TRUNCATED_ICMP, decodeCut(f4, L4 + i));
      assertEquals(DecodeOutcome.TRUNCATED_ICMP, decodeCut(f6, 14 + 40 + i));
    }
  }

  @Test
  void icmpv6() {
    assertEquals(DecodeOutcome.OK, decode(v6(ICMP6, Frames.icmp(1, 4, 48))));
    assertSame(Protocol.ICMP6, view.protocol());
    assertEquals(1, view.icmpType());
    assertEquals(4, view.icmpCode());
    assertEquals(48, view.payloadLength());
  }

  @Test
  void rawFrameTimestampAndLinkAreKept() {
    RawFrame f = new RawFrame(42L, LinkType.ETHERNET, v4(UDP, Frames.udp(1, 2, 3)));
    decoder.decode(f, view);
    assertEquals(42L, view.timestampNanos());
    assertEquals(LinkType.ETHERNET, view.linkType());
    assertEquals(f.wireLength(), view.wireLength());
  }
}
