package org.portscope.sensor.core.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portscope.sensor.core.decode.Frames.ETH_IPV4;
import static org.portscope.sensor.core.decode.Frames.ETH_IPV6;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.portscope.sensor.api.IpAddress;
import org.portscope.sensor.api.LinkType;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.Protocol;
import org.portscope.sensor.api.RawFrame;
import org.portscope.sensor.api.TcpFlags;
import org.portscope.sensor.api.TcpOptions;

class PacketViewTest {
  private static final long TS = 1_700_000_000_987_654_321L;

  private final PacketDecoder decoder = new PacketDecoder();
  private final PacketView view = new PacketView();

  private Observation observe(int linkType, byte[] data) {
    assertEquals(DecodeOutcome.OK, decoder.decode(new RawFrame(TS, linkType, data), view));
    return view.toObservation("node-7");
  }

  @Test
  void tcpOverIpv4() {
    Observation o = observe(LinkType.ETHERNET, Frames.ethernet(ETH_IPV4, Frames.ipv4(6,
        "198.51.100.9", "192.0.2.44", Frames.tcp(54321, 3389, TcpFlags.SYN, 0xDEADBEEFL, 0,
            65535, Frames.LINUX_SYN_OPTIONS, 0))));
    Observation expected = new Observation(TS, IpAddress.parse("198.51.100.9"),
        IpAddress.parse("192.0.2.44"), Protocol.TCP, 54321, 3389, TcpFlags.SYN, 0xDEADBEEFL, 0,
        65535, 64, 0x1234, TcpOptions.copyOf(Frames.LINUX_SYN_OPTIONS, 0, 20), -1, -1, 0,
        "node-7", null, null);
    assertEquals(expected, o);
    assertTrue(o.isRaw());
  }

  @Test
  void tcpOptionsAreCopiedNotShared() {
    byte[] data = Frames.ethernet(ETH_IPV4, Frames.ipv4(6, "198.51.100.9", "192.0.2.44",
        Frames.tcp(1, 2, TcpFlags.SYN, 1, 0, 1, Frames.MSS_ONLY, 0)));
    Observation o = observe(LinkType.ETHERNET, data);
    data[view.tcpOptionsOffset() + 2] = 0; // a later writer of the array must not change it
    assertEquals(1460, o.tcpOptions().mss());
  }

  @Test
  void aPacketLikeThePreviousOneSharesItsAddressAndOptionValues() {
    Observation first = observe(LinkType.ETHERNET, Frames.ethernet(ETH_IPV4, Frames.ipv4(6, "198.51.100.9",
        "192.0.2.44", Frames.tcp(1, 2, TcpFlags.SYN, 1, 0, 1, Frames.MSS_ONLY, 0))));
    Observation sameSource = observe(LinkType.ETHERNET, Frames.ethernet(ETH_IPV4, Frames.ipv4(6, "198.51.100.9",
        "192.0.2.45", Frames.tcp(1, 3, TcpFlags.SYN, 2, 0, 1, Frames.MSS_ONLY, 0))));
    assertSame(first.src(), sameSource.src());
    assertSame(first.tcpOptions(), sameSource.tcpOptions());
    assertEquals(IpAddress.parse("192.0.2.45"), sameSource.dst());
    Observation other = observe(LinkType.ETHERNET, Frames.ethernet(ETH_IPV4, Frames.ipv4(6, "198.51.100.10",
        "192.0.2.45", Frames.tcp(1, 3, TcpFlags.SYN, 2, 0, 1, Frames.LINUX_SYN_OPTIONS, 0))));
    assertEquals(IpAddress.parse("198.51.100.10"), other.src());
    assertSame(sameSource.dst(), other.dst());
    assertEquals(TcpOptions.copyOf(Frames.LINUX_SYN_OPTIONS, 0, 20), other.tcpOptions());
    // Equal bits in another IP version are another address.
    Observation v6 = observe(LinkType.ETHERNET, Frames.ethernet(ETH_IPV6, Frames.ipv6(6, "::c633:640a",
        "2001:db8::1", Frames.tcp(1, 3, TcpFlags.SYN, 2, 0, 1, Frames.MSS_ONLY, 0))));
    assertEquals(6, v6.src().version());
    assertEquals(IpAddress.parse("::c633:640a"), v6.src());
    assertEquals(1460, v6.tcpOptions().mss());
  }

  @Test
  void udpOverIpv6() {
    Observation o = observe(LinkType.LINUX_SLL2, Frames.sll2(ETH_IPV6, Frames.ipv6(17,
        "2001:db8::dead", "2001:db8::1", Frames.udp(4444, 5060, 300))));
    Observation expected = new Observation(TS, IpAddress.parse("2001:db8::dead"),
        IpAddress.parse("2001:db8::1"), Protocol.UDP, 4444, 5060, -1, -1, -1, -1, 57, -1,
        TcpOptions.NONE, -1, -1, 300, "node-7", null, null);
    assertEquals(expected, o);
  }

  @Test
  void icmpOverIpv4AndIcmpv6() {
    Observation o = observe(LinkType.RAW, Frames.ipv4(1, "203.0.113.5", "192.0.2.1",
        Frames.icmp(0, 0, 56)));
    assertEquals(new Observation(TS, IpAddress.parse("203.0.113.5"), IpAddress.parse("192.0.2.1"),
        Protocol.ICMP, -1, -1, -1, -1, -1, -1, 64, 0x1234, TcpOptions.NONE, 0, 0, 56, "node-7",
        null, null), o);
    Observation o6 = observe(LinkType.RAW, Frames.ipv6(58, "2001:db8::5", "2001:db8::1",
        Frames.icmp(129, 0, 8)));
    assertEquals(Protocol.ICMP6, o6.protocol());
    assertEquals(129, o6.icmpType());
    assertEquals(-1, o6.ipId());
    assertEquals(6, o6.ipVersion());
  }

  @Test
  void aReusedViewKeepsNothingFromThePreviousPacket() {
    observe(LinkType.ETHERNET, Frames.ethernet(ETH_IPV6, Frames.ipv6(6, "2001:db8::1",
        "2001:db8::2", Frames.tcp(1, 2, TcpFlags.SYN, 3, 4, 5, Frames.MSS_ONLY, 6))));
    Observation o = observe(LinkType.RAW, Frames.ipv4(17, "192.0.2.1", "192.0.2.2",
        Frames.udp(7, 8, 9)));
    assertEquals(IpAddress.parse("192.0.2.1"), o.src());
    assertEquals(-1, o.tcpFlags());
    assertEquals(-1, o.seq());
    assertEquals(-1, o.window());
    assertEquals(TcpOptions.NONE, o.tcpOptions());
    assertEquals(-1, view.etherType());

    decoder.decode(new RawFrame(TS, LinkType.ETHERNET, Frames.ethernet(0x0806, new byte[28])), view);
    assertEquals(0, view.ipVersion());
    assertNull(view.protocol());
    assertEquals(-1, view.ttl());
    assertEquals(-1, view.payloadLength());
    assertEquals(-1, view.capturedPayloadLength());
  }

  @Test
  void onlyACompleteDecodeBecomesAnObservation() {
    assertNull(view.outcome());
    assertThrows(IllegalStateException.class, () -> view.toObservation("n"));
    assertThrows(IllegalStateException.class, view::src);
    byte[] fragment = Frames.ipv4(6, "192.0.2.1", "192.0.2.2", Frames.syn(1, 2));
    Frames.put16(fragment, 6, 0x0010);
    decoder.decode(new RawFrame(TS, LinkType.RAW, fragment), view);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> view.toObservation("n"));
    assertTrue(e.getMessage().contains("NON_FIRST_FRAGMENT"), e.getMessage());
    assertEquals(IpAddress.parse("192.0.2.1"), view.src(), "the IP header was decoded");
  }

  @Test
  void outcomesHaveDistinctSnakeCaseLabels() {
    Set<String> labels = new HashSet<>();
    for (DecodeOutcome o : DecodeOutcome.values()) {
      assertTrue(o.label().matches("[a-z][a-z0-9_]*"), o.label());
      assertTrue(labels.add(o.label()), o.label());
    }
    assertEquals("truncated_tcp", DecodeOutcome.TRUNCATED_TCP.label());
    Set<DecodeOutcome> fine = EnumSet.of(DecodeOutcome.OK, DecodeOutcome.NOT_IP,
        DecodeOutcome.OTHER_TRANSPORT, DecodeOutcome.NO_NEXT_HEADER,
        DecodeOutcome.NON_FIRST_FRAGMENT);
    for (DecodeOutcome o : DecodeOutcome.values()) {
      assertEquals(!fine.contains(o), o.malformed(), o.label());
    }
    assertFalse(DecodeOutcome.OK.malformed());
  }
}
