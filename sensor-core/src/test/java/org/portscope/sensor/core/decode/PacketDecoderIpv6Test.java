package org.portscope.sensor.core.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portscope.sensor.core.decode.Frames.ICMP6;
import static org.portscope.sensor.core.decode.Frames.TCP;
import static org.portscope.sensor.core.decode.Frames.UDP;
import static org.portscope.sensor.core.decode.Frames.concat;
import static org.portscope.sensor.core.decode.Frames.extension;
import static org.portscope.sensor.core.decode.Frames.fragment6;
import static org.portscope.sensor.core.decode.Frames.frame;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.portscope.sensor.api.IpAddress;
import org.portscope.sensor.api.LinkType;
import org.portscope.sensor.api.Protocol;
import org.portscope.sensor.api.RawFrame;

class PacketDecoderIpv6Test {
  private static final int HOP_BY_HOP = 0;
  private static final int ROUTING = 43;
  private static final int FRAGMENT = 44;
  private static final int ESP = 50;
  private static final int AH = 51;
  private static final int NONE = 59;
  private static final int DEST_OPTS = 60;

  private final PacketDecoder decoder = new PacketDecoder();
  private final PacketView view = new PacketView();

  private static byte[] v6(int next, byte[] body) {
    return Frames.ipv6(next, "2001:db8:aaaa::1", "fd00::2:3", body);
  }

  private DecodeOutcome decode(byte[] rawIp) {
    return decoder.decode(frame(LinkType.RAW, rawIp), view);
  }

  @Test
  void headerFields() {
    assertEquals(DecodeOutcome.OK, decode(v6(UDP, Frames.udp(123, 123, 48))));
    assertEquals(6, view.ipVersion());
    assertEquals(0x20010db8aaaa0000L, view.srcHi());
    assertEquals(1L, view.srcLo());
    assertEquals(0xfd00000000000000L, view.dstHi());
    assertEquals(0x0000000000020003L, view.dstLo());
    assertEquals(IpAddress.parse("2001:db8:aaaa::1"), view.src());
    assertEquals(IpAddress.parse("fd00::2:3"), view.dst());
    assertEquals(57, view.ttl(), "hop limit");
    assertEquals(0x28, view.tos(), "traffic class");
    assertEquals(-1, view.ipId());
    assertFalse(view.dontFragment());
    assertFalse(view.fragment());
    assertEquals(40, view.transportOffset());
    assertEquals(48, view.payloadLength());
  }

  @Test
  void truncatedAtEveryByteOfTheHeader() {
    byte[] p = v6(TCP, Frames.syn(1, 2));
    for (int n = 1; n < 40; n++) {
      RawFrame cut = new RawFrame(0, LinkType.RAW, Arrays.copyOf(p, n), p.length);
      assertEquals(DecodeOutcome.TRUNCATED_IPV6, decoder.decode(cut, view), "cut to " + n);
    }
  }

  @Test
  void payloadLengthBeyondTheWireIsBad() {
    byte[] p = v6(TCP, Frames.syn(1, 2));
    Frames.put16(p, 4, p.length - 40 + 1);
    assertEquals(DecodeOutcome.BAD_IPV6_PAYLOAD_LENGTH, decode(p));
  }

  @Test
  void aLongExtensionChainIsWalked() {
    byte[] chain = concat(
        extension(HOP_BY_HOP, DEST_OPTS, 8),
        extension(DEST_OPTS, ROUTING, 16),
        extension(ROUTING, FRAGMENT, 24),
        fragment6(AH, 0, false),
        extension(AH, DEST_OPTS, 24),
        extension(DEST_OPTS, TCP, 8),
        Frames.tcp(443, 8080, 0x12, 1, 2, 3, Frames.MSS_ONLY, 10));
    assertEquals(DecodeOutcome.OK, decode(v6(HOP_BY_HOP, chain)));
    assertEquals(40 + 8 + 16 + 24 + 8 + 24 + 8, view.transportOffset());
    assertEquals(TCP, view.ipProtocol());
    assertEquals(Protocol.TCP, view.protocol());
    assertEquals(8080, view.dstPort());
    assertEquals(10, view.payloadLength());
    assertFalse(view.fragment(), "an atomic fragment is a whole packet");
  }

  @Test
  void firstFragmentKeepsItsTransportHeader() {
    assertEquals(DecodeOutcome.OK,
        decode(v6(FRAGMENT, concat(fragment6(UDP, 0, true), Frames.udp(53, 53, 30)))));
    assertTrue(view.fragment());
    assertEquals(Protocol.UDP, view.protocol());
    assertEquals(30, view.payloadLength());
  }

  @Test
  void nonFirstFragmentStopsTheWalk() {
    assertEquals(DecodeOutcome.NON_FIRST_FRAGMENT,
        decode(v6(DEST_OPTS, concat(extension(DEST_OPTS, FRAGMENT, 8),
            fragment6(TCP, 185, false), new byte[64]))));
    assertTrue(view.fragment());
    assertEquals(TCP, view.ipProtocol());
    assertNull(view.protocol());
    assertFalse(view.outcome().malformed());
  }

  @Test
  void espAndNoNextHeaderEndTheWalk() {
    assertEquals(DecodeOutcome.OTHER_TRANSPORT,
        decode(v6(HOP_BY_HOP, concat(extension(HOP_BY_HOP, ESP, 8), new byte[32]))));
    assertEquals(ESP, view.ipProtocol());
    assertEquals(DecodeOutcome.NO_NEXT_HEADER,
        decode(v6(DEST_OPTS, concat(extension(DEST_OPTS, NONE, 8), new byte[5]))));
    assertEquals(DecodeOutcome.NO_NEXT_HEADER, decode(v6(NONE, new byte[0])));
    assertFalse(view.outcome().malformed());
    assertEquals(DecodeOutcome.OTHER_TRANSPORT, decode(v6(132, new byte[12])), "SCTP");
    assertEquals(DecodeOutcome.OTHER_TRANSPORT, decode(v6(Frames.ICMP, Frames.icmp(8, 0, 4))),
        "ICMP for IPv4 inside IPv6");
  }

  @Test
  void hopByHopOnlyFirst() {
    assertEquals(DecodeOutcome.BAD_IPV6_EXTENSION, decode(v6(DEST_OPTS, concat(
        extension(DEST_OPTS, HOP_BY_HOP, 8), extension(HOP_BY_HOP, TCP, 8), Frames.syn(1, 2)))));
  }

  @Test
  void extensionOverrunningThePayloadIsBad() {
    byte[] p = v6(ROUTING, concat(extension(ROUTING, TCP, 8), Frames.syn(1, 2)));
    p[41] = 40; // (40 + 1) * 8 bytes, far past the payload
    assertEquals(DecodeOutcome.BAD_IPV6_EXTENSION, decode(p));
    // Fewer than 8 bytes left for an extension header at all.
    assertEquals(DecodeOutcome.BAD_IPV6_EXTENSION, decode(v6(DEST_OPTS, new byte[6])));
    byte[] ah = v6(AH, concat(extension(AH, UDP, 12), Frames.udp(1, 2, 0)));
    ah[41] = 20; // (20 + 2) * 4 = 88 bytes
    assertEquals(DecodeOutcome.BAD_IPV6_EXTENSION, decode(ah));
  }

  @Test
  void extensionCutByTheSnapLengthIsTruncated() {
    byte[] p = v6(HOP_BY_HOP, concat(extension(HOP_BY_HOP, TCP, 16), Frames.syn(1, 2)));
    for (int n = 40; n < 56; n++) {
      RawFrame cut = new RawFrame(0, LinkType.RAW, Arrays.copyOf(p, n), p.length);
      assertEquals(DecodeOutcome.TRUNCATED_IPV6, decoder.decode(cut, view), "cut to " + n);
    }
    RawFrame cut = new RawFrame(0, LinkType.RAW, Arrays.copyOf(p, 56), p.length);
    assertEquals(DecodeOutcome.TRUNCATED_TCP, decoder.decode(cut, view));
  }

  @Test
  void icmpv6() {
    assertEquals(DecodeOutcome.OK, decode(v6(ICMP6, Frames.icmp(128, 0, 56))));
    assertEquals(Protocol.ICMP6, view.protocol());
    assertEquals(128, view.icmpType());
    assertEquals(0, view.icmpCode());
    assertEquals(56, view.payloadLength());
    assertEquals(-1, view.srcPort());
  }
}
