package org.portscope.sensor.core.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.portscope.sensor.core.decode.Frames.ETH_ARP;
import static org.portscope.sensor.core.decode.Frames.ETH_IPV4;
import static org.portscope.sensor.core.decode.Frames.ETH_IPV6;
import static org.portscope.sensor.core.decode.Frames.ETH_LLDP;
import static org.portscope.sensor.core.decode.Frames.TCP;
import static org.portscope.sensor.core.decode.Frames.TPID_8021AD;
import static org.portscope.sensor.core.decode.Frames.TPID_8021Q;
import static org.portscope.sensor.core.decode.Frames.TPID_QINQ;
import static org.portscope.sensor.core.decode.Frames.frame;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.portscope.sensor.api.IpAddress;
import org.portscope.sensor.api.LinkType;
import org.portscope.sensor.api.Protocol;

class PacketDecoderLinkTest {
  private static final byte[] V4_SYN = Frames.ipv4(TCP, "198.51.100.7", "192.0.2.10",
      Frames.syn(40000, 23));
  private static final byte[] V6_SYN = Frames.ipv6(TCP, "2001:db8::7", "2001:db8:1::10",
      Frames.syn(40000, 23));

  private final PacketDecoder decoder = new PacketDecoder();
  private final PacketView view = new PacketView();

  private DecodeOutcome decode(int linkType, byte[] data) {
    return decoder.decode(frame(linkType, data), view);
  }

  private void assertV4Syn(int ipOffset) {
    assertEquals(DecodeOutcome.OK, view.outcome());
    assertEquals(4, view.ipVersion());
    assertEquals(ipOffset, view.ipOffset());
    assertEquals(IpAddress.parse("198.51.100.7"), view.src());
    assertEquals(IpAddress.parse("192.0.2.10"), view.dst());
    assertEquals(Protocol.TCP, view.protocol());
    assertEquals(23, view.dstPort());
  }

  private void assertV6Syn(int ipOffset) {
    assertEquals(DecodeOutcome.OK, view.outcome());
    assertEquals(6, view.ipVersion());
    assertEquals(ipOffset, view.ipOffset());
    assertEquals(IpAddress.parse("2001:db8::7"), view.src());
    assertEquals(IpAddress.parse("2001:db8:1::10"), view.dst());
    assertEquals(23, view.dstPort());
  }

  @Test
  void ethernetCarriesIpv4AndIpv6() {
    decode(LinkType.ETHERNET, Frames.ethernet(ETH_IPV4, V4_SYN));
    assertV4Syn(14);
    assertEquals(ETH_IPV4, view.etherType());
    assertEquals(0, view.vlanTags());
    assertEquals(-1, view.vlanId());
    decode(LinkType.ETHERNET, Frames.ethernet(ETH_IPV6, V6_SYN));
    assertV6Syn(14);
  }

  @Test
  void vlanTagsAreSkipped() {
    decode(LinkType.ETHERNET, Frames.ethernetTagged(new int[] {TPID_8021Q}, ETH_IPV4, V4_SYN));
    assertV4Syn(18);
    assertEquals(1, view.vlanTags());
    assertEquals(100, view.vlanId());

    decode(LinkType.ETHERNET,
        Frames.ethernetTagged(new int[] {TPID_8021AD, TPID_8021Q}, ETH_IPV6, V6_SYN));
    assertV6Syn(22);
    assertEquals(2, view.vlanTags());
    assertEquals(100, view.vlanId(), "the outer (service) tag's id");

    decode(LinkType.ETHERNET,
        Frames.ethernetTagged(new int[] {TPID_QINQ, TPID_8021Q, TPID_8021Q}, ETH_IPV4, V4_SYN));
    assertV4Syn(26);
    assertEquals(3, view.vlanTags());
  }

  @Test
  void nonIpEtherTypesAreIgnorable() {
    assertEquals(DecodeOutcome.NOT_IP, decode(LinkType.ETHERNET, Frames.ethernet(ETH_ARP, new byte[28])));
    assertEquals(ETH_ARP, view.etherType());
    assertEquals(0, view.ipVersion());
    assertEquals(DecodeOutcome.NOT_IP, decode(LinkType.ETHERNET,
        Frames.ethernetTagged(new int[] {TPID_8021Q}, ETH_LLDP, new byte[30])));
    // 802.3: the type field is a length (< 0x0600), LLC follows.
    assertEquals(DecodeOutcome.NOT_IP, decode(LinkType.ETHERNET, Frames.ethernet(46, new byte[46])));
    assertEquals(DecodeOutcome.NOT_IP, decode(LinkType.LINUX_SLL, Frames.sll(ETH_ARP, new byte[28])));
  }

  @Test
  void truncatedLinkHeadersAtEveryByte() {
    byte[] eth = Frames.ethernet(ETH_IPV4, V4_SYN);
    byte[] tagged = Frames.ethernetTagged(new int[] {TPID_8021AD, TPID_8021Q}, ETH_IPV4, V4_SYN);
    byte[] sll = Frames.sll(ETH_IPV4, V4_SYN);
    byte[] sll2 = Frames.sll2(ETH_IPV4, V4_SYN);
    byte[] nul = Frames.loopback(2, true, V4_SYN);
    assertTruncatedBelow(LinkType.ETHERNET, eth, 14);
    assertTruncatedBelow(LinkType.ETHERNET, tagged, 22);
    assertTruncatedBelow(LinkType.LINUX_SLL, sll, 16);
    assertTruncatedBelow(LinkType.LINUX_SLL2, sll2, 20);
    assertTruncatedBelow(LinkType.NULL, nul, 4);
    assertTruncatedBelow(LinkType.LOOP, Frames.loopback(2, false, V4_SYN), 4);
    // A complete link header with nothing after it is an IP problem, not a link problem.
    assertEquals(DecodeOutcome.TRUNCATED_IPV4, decode(LinkType.ETHERNET, Arrays.copyOf(eth, 14)));
    assertEquals(DecodeOutcome.TRUNCATED_IPV6,
        decode(LinkType.ETHERNET, Arrays.copyOf(Frames.ethernet(ETH_IPV6, V6_SYN), 14)));
  }

  private void assertTruncatedBelow(int linkType, byte[] full, int headerLength) {
    for (int n = 0; n < headerLength; n++) {
      assertEquals(DecodeOutcome.TRUNCATED_LINK, decode(linkType, Arrays.copyOf(full, n)),
          LinkType.name(linkType) + " cut to " + n + " bytes");
    }
  }

  @Test
  void linuxCookedV1AndV2() {
    decode(LinkType.LINUX_SLL, Frames.sll(ETH_IPV4, V4_SYN));
    assertV4Syn(16);
    decode(LinkType.LINUX_SLL, Frames.sll(ETH_IPV6, V6_SYN));
    assertV6Syn(16);
    decode(LinkType.LINUX_SLL2, Frames.sll2(ETH_IPV4, V4_SYN));
    assertV4Syn(20);
    decode(LinkType.LINUX_SLL2, Frames.sll2(ETH_IPV6, V6_SYN));
    assertV6Syn(20);
    // A VLAN tag left in place by the kernel follows the cooked header.
    byte[] tag = {0x20, 0x64, 0x08, 0x00};
    decode(LinkType.LINUX_SLL, Frames.sll(TPID_8021Q, Frames.concat(tag, V4_SYN)));
    assertV4Syn(20);
    assertEquals(100, view.vlanId());
  }

  @ParameterizedTest
  @ValueSource(ints = {LinkType.RAW_DLT, LinkType.RAW})
  void rawIpReadsTheVersionNibble(int linkType) {
    decode(linkType, V4_SYN);
    assertV4Syn(0);
    assertEquals(-1, view.etherType());
    decode(linkType, V6_SYN);
    assertV6Syn(0);
    assertEquals(DecodeOutcome.TRUNCATED_IP, decode(linkType, new byte[0]));
    byte[] v5 = V4_SYN.clone();
    v5[0] = 0x55;
    assertEquals(DecodeOutcome.BAD_IP_VERSION, decode(linkType, v5));
  }

  @Test
  void rawIpv4AndIpv6LinkTypesInsistOnTheirVersion() {
    decode(LinkType.IPV4, V4_SYN);
    assertV4Syn(0);
    decode(LinkType.IPV6, V6_SYN);
    assertV6Syn(0);
    assertEquals(DecodeOutcome.BAD_IP_VERSION, decode(LinkType.IPV4, V6_SYN));
    assertEquals(DecodeOutcome.BAD_IP_VERSION, decode(LinkType.IPV6, V4_SYN));
    assertEquals(DecodeOutcome.TRUNCATED_IPV4, decode(LinkType.IPV4, new byte[0]));
    assertEquals(DecodeOutcome.TRUNCATED_IPV6, decode(LinkType.IPV6, new byte[0]));
    assertEquals(DecodeOutcome.BAD_IP_VERSION,
        decode(LinkType.ETHERNET, Frames.ethernet(ETH_IPV4, V6_SYN)));
    assertEquals(DecodeOutcome.BAD_IP_VERSION,
        decode(LinkType.LINUX_SLL2, Frames.sll2(ETH_IPV6, V4_SYN)));
  }

  @Test
  void nullLoopbackAcceptsEitherByteOrder() {
    for (boolean littleEndian : new boolean[] {true, false}) {
      decode(LinkType.NULL, Frames.loopback(2, littleEndian, V4_SYN));
      assertV4Syn(4);
      for (int af6 : new int[] {10, 24, 28, 30}) {
        decode(LinkType.NULL, Frames.loopback(af6, littleEndian, V6_SYN));
        assertV6Syn(4);
      }
      assertEquals(DecodeOutcome.NOT_IP,
          decode(LinkType.NULL, Frames.loopback(7, littleEndian, V4_SYN)), "AF 7 is not IP");
    }
  }

  @Test
  void loopIsNetworkOrderOnly() {
    decode(LinkType.LOOP, Frames.loopback(2, false, V4_SYN));
    assertV4Syn(4);
    decode(LinkType.LOOP, Frames.loopback(24, false, V6_SYN));
    assertV6Syn(4);
    assertEquals(DecodeOutcome.NOT_IP, decode(LinkType.LOOP, Frames.loopback(2, true, V4_SYN)));
  }

  @Test
  void loopbackFamilyMustMatchTheIpVersion() {
    assertEquals(DecodeOutcome.BAD_IP_VERSION,
        decode(LinkType.NULL, Frames.loopback(2, true, V6_SYN)));
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 2, 9, 105, 127, 147, 275, 65536})
  void unknownLinkTypes(int linkType) {
    assertEquals(DecodeOutcome.UNKNOWN_LINK_TYPE, decode(linkType, V4_SYN));
    assertEquals(true, view.outcome().malformed());
  }
}
