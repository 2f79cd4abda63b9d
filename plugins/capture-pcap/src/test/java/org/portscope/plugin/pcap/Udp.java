package org.portscope.plugin.pcap;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.portscope.sensor.api.LinkType;
import org.portscope.sensor.api.RawFrame;

/** Just enough Ethernet/IPv4/UDP parsing for tests to recognise their own datagrams. */
record Udp(int destinationPort, String payload) {
  /** The UDP datagram in an untagged Ethernet IPv4 frame, or null for anything else. */
  static Udp of(RawFrame frame) {
    ByteBuffer b = ByteBuffer.wrap(frame.data());
    if (frame.linkType() != LinkType.ETHERNET || b.limit() < 14 + 20 + 8 || b.getShort(12) != 0x0800) {
      return null;
    }
    int ip = 14;
    int headerLength = (b.get(ip) & 0x0F) * 4;
    if (b.get(ip + 9) != 17) {
      return null;
    }
    int udp = ip + headerLength;
    int length = (b.getShort(udp + 4) & 0xFFFF) - 8;
    return new Udp(b.getShort(udp + 2) & 0xFFFF,
        new String(frame.data(), udp + 8, Math.min(length, b.limit() - udp - 8), StandardCharsets.US_ASCII));
  }
}
