package org.portscope.sensor.core.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portscope.sensor.core.decode.Frames.ETH_IPV4;
import static org.portscope.sensor.core.decode.Frames.TCP;
import static org.portscope.sensor.core.decode.Frames.UDP;
import static org.portscope.sensor.core.decode.Frames.frame;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.portscope.sensor.api.IpAddress;
import org.portscope.sensor.api.LinkType;
import org.portscope.sensor.api.Protocol;
import org.portscope.sensor.api.RawFrame;

class PacketDecoderIpv4Test {
  private static final int IP = 14; // behind an untagged Ethernet header

  private final PacketDecoder decoder = new PacketDecoder();
  private final PacketView view = new PacketView();

  private static byte[] ethernetV4(int protocol, byte[] body) {
    return Frames.ethernet(ETH_IPV4, Frames.ipv4(protocol, "203.0.113.200", "10.1.2.3", body));
  }

  private DecodeOutcome decode(byte[] data) {
    return decoder.decode(frame(LinkType.ETHERNET, data), view);
  }

  @Test
  void headerFields() {
    assertEquals(DecodeOutcome.OK, decode(ethernetV4(UDP, Frames.udp(5353, 161, 12))));
    assertEquals(4, view.ipVersion());
    assertEquals(0xCB0071C8, view.srcV4());
    assertEquals(0x0A010203, view.dstV4());
    assertEquals(0, view.srcHi());
    assertEquals(0xCB0071C8L, view.srcLo(), "unsigned, in IpAddress layout");
    assertEquals(IpAddress.parse("203.0.113.200"), view.src());
    assertEquals(IpAddress.parse("10.1.2.3"), view.dst());
    assertEquals(64, view.ttl());
    assertEquals(0x1234, view.ipId());
    assertEquals(0x10, view.tos());
    assertTrue(view.dontFragment());
    assertFalse(view.fragment());
    assertEquals(UDP, view.ipProtocol());
    assertEquals(IP + 20, view.transportOffset());
  }

  @ParameterizedTest
  @ValueSource(ints = {4, 8, 20, 40})
  void optionsAreSkippedByTheHeaderLength(int optionBytes) {
    byte[] options = new byte[optionBytes];
    options[0] = 7; // record route, padded with EOL
    byte[] ip = Frames.ipv4(TCP, "203.0.113.200", "10.1.2.3", options, Frames.syn(1234, 22));
    assertEquals(DecodeOutcome.OK, decode(Frames.ethernet(ETH_IPV4, ip)));
    assertEquals(IP + 20 + optionBytes, view.transportOffset());
    assertEquals(22, view.dstPort());
    assertEquals(0, view.payloadLength());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4})
  void headerLengthBelowFiveWordsIsBad(int ihl) {
    byte[] f = ethernetV4(TCP, Frames.syn(1234, 22));
    f[IP] = (byte) (0x40 | ihl);
    assertEquals(DecodeOutcome.BAD_IPV4_HEADER_LENGTH, decode(f));
    assertTrue(view.outcome().malformed());
  }

  @Test
  void truncatedAtEveryByteOfTheHeader() {
    byte[] f = Frames.ethernet(ETH_IPV4,
        Frames.ipv4(TCP, "203.0.113.200", "10.1.2.3", new byte[8], Frames.syn(1234, 22)));
    for (int n = IP; n < IP + 28; n++) {
      RawFrame cut = new RawFrame(0, LinkType.ETHERNET, Arrays.copyOf(f, n), f.length);
      assertEquals(DecodeOutcome.TRUNCATED_IPV4, decoder.decode(cut, view), "cut to " + n);
    }
  }

  @Test
  void totalLengthBelowHeaderLengthIsBad() {
    byte[] f = ethernetV4(TCP, Frames.syn(1234, 22));
    Frames.put16(f, IP + 2, 19);
    assertEquals(DecodeOutcome.BAD_IPV4_TOTAL_LENGTH, decode(f));
    Frames.put16(f, IP + 2, 0); // as a TSO capture on the sending host would show
    assertEquals(DecodeOutcome.BAD_IPV4_TOTAL_LENGTH, decode(f));
  }

  @Test
  void totalLengthBeyondTheWireIsBad() {
    byte[] f = ethernetV4(TCP, Frames.syn(1234, 22));
    Frames.put16(f, IP + 2, f.length - IP + 1);
    assertEquals(DecodeOutcome.BAD_IPV4_TOTAL_LENGTH, decode(f));
  }

  @Test
  void ethernetPaddingIsNotPayload() {
    byte[] f = Arrays.copyOf(ethernetV4(TCP, Frames.tcp(1, 2, 0x10, 5, 6, 7, new byte[0], 0)), 60);
    assertEquals(54, ethernetV4(TCP, Frames.tcp(1, 2, 0x10, 5, 6, 7, new byte[0], 0)).length);
    assertEquals(DecodeOutcome.OK, decode(f));
    assertEquals(0, view.payloadLength());
    assertEquals(0, view.capturedPayloadLength());
  }

  @Test
  void firstFragmentKeepsItsTransportHeader() {
    byte[] f = ethernetV4(UDP, Frames.udp(53, 5000, 100));
    Frames.put16(f, IP + 6, 0x2000); // MF, offset 0
    assertEquals(DecodeOutcome.OK, decode(f));
    assertTrue(view.fragment());
    assertEquals(Protocol.UDP, view.protocol());
    assertEquals(100, view.payloadLength(), "the payload of this fragment");
  }

  @Test
  void nonFirstFragmentHasNoTransportHeader() {
    for (int flagsAndOffset : new int[] {0x2001, 0x0001, 0x1FFF, 0x2B9}) {
      byte[] f = ethernetV4(TCP, Frames.syn(1234, 22));
      Frames.put16(f, IP + 6, flagsAndOffset);
      assertEquals(DecodeOutcome.NON_FIRST_FRAGMENT, decode(f));
      assertFalse(view.outcome().malformed());
      assertTrue(view.fragment());
      assertEquals(4, view.ipVersion(), "the IP header is still there for counting");
      assertEquals(TCP, view.ipProtocol());
      assertNull(view.protocol());
      assertEquals(-1, view.dstPort());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {47, 132, 50, 51, 58, 41, 0, 255})
  void otherTransportsAreIgnorable(int protocol) {
    assertEquals(DecodeOutcome.OTHER_TRANSPORT, decode(ethernetV4(protocol, new byte[40])));
    assertEquals(protocol, view.ipProtocol());
    assertFalse(view.outcome().malformed());
  }

  @Test
  void badChecksumsAreNotDropped() {
    byte[] f = ethernetV4(TCP, Frames.syn(1234, 22));
    Frames.put16(f, IP + 10, 0xDEAD); // IP header checksum
    Frames.put16(f, IP + 20 + 16, 0xBEEF); // TCP checksum
    assertEquals(DecodeOutcome.OK, decode(f));
  }
}
