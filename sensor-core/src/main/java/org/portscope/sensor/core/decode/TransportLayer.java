package org.portscope.sensor.core.decode;

import static org.portscope.sensor.core.decode.Bytes.u16;
import static org.portscope.sensor.core.decode.Bytes.u32;
import static org.portscope.sensor.core.decode.Bytes.u8;

import org.portscope.sensor.api.Protocol;

/**
 * Decodes the TCP, UDP, ICMP or ICMPv6 header at {@link PacketView#transportOffset}. A header must
 * be complete both on the wire (inside the IP length) and in the capture; the payload length comes
 * from the IP length, so a capture cut by a snap length still reports what was sent.
 */
final class TransportLayer {
  private static final int TCP_HEADER = 20;
  private static final int UDP_HEADER = 8;
  /** Type, code, checksum and the 4-byte rest-of-header every ICMP and ICMPv6 message has. */
  private static final int ICMP_HEADER = 8;

  private TransportLayer() {}

  static DecodeOutcome decode(byte[] d, PacketView v) {
    int at = v.transportOffset;
    int onWire = v.ipEnd - at;
    int captured = Math.min(v.ipEnd, v.length) - at;
    int protocol = v.ipProtocol;
    if (protocol == Protocol.TCP.number()) {
      return tcp(d, at, onWire, captured, v);
    }
    if (protocol == Protocol.UDP.number()) {
      return udp(d, at, onWire, captured, v);
    }
    if (protocol == Protocol.ICMP.number() && v.ipVersion == 4) {
      return icmp(d, at, onWire, captured, Protocol.ICMP, v);
    }
    if (protocol == Protocol.ICMP6.number() && v.ipVersion == 6) {
      return icmp(d, at, onWire, captured, Protocol.ICMP6, v);
    }
    return DecodeOutcome.OTHER_TRANSPORT;
  }

  private static DecodeOutcome tcp(byte[] d, int at, int onWire, int captured, PacketView v) {
    if (onWire < TCP_HEADER || captured < TCP_HEADER) {
      return DecodeOutcome.TRUNCATED_TCP;
    }
    int headerLength = (u8(d, at + 12) >>> 4) * 4;
    if (headerLength < TCP_HEADER || headerLength > onWire) {
      return DecodeOutcome.BAD_TCP_DATA_OFFSET;
    }
    if (headerLength > captured) {
      return DecodeOutcome.TRUNCATED_TCP;
    }
    v.protocol = Protocol.TCP;
    v.srcPort = u16(d, at);
    v.dstPort = u16(d, at + 2);
    v.seq = u32(d, at + 4);
    v.ack = u32(d, at + 8);
    v.tcpFlags = u8(d, at + 13);
    v.window = u16(d, at + 14);
    v.tcpOptionsOffset = at + TCP_HEADER;
    v.tcpOptionsLength = headerLength - TCP_HEADER;
    return payload(at + headerLength, onWire - headerLength, v);
  }

  private static DecodeOutcome udp(byte[] d, int at, int onWire, int captured, PacketView v) {
    if (onWire < UDP_HEADER || captured < UDP_HEADER) {
      return DecodeOutcome.TRUNCATED_UDP;
    }
    v.protocol = Protocol.UDP;
    v.srcPort = u16(d, at);
    v.dstPort = u16(d, at + 2);
    // The UDP length field is not used: the IP length is what was sent (and UDP-Lite reuses it).
    return payload(at + UDP_HEADER, onWire - UDP_HEADER, v);
  }

  private static DecodeOutcome icmp(
      byte[] d, int at, int onWire, int captured, Protocol protocol, PacketView v) {
    if (onWire < ICMP_HEADER || captured < ICMP_HEADER) {
      return DecodeOutcome.TRUNCATED_ICMP;
    }
    v.protocol = protocol;
    v.icmpType = u8(d, at);
    v.icmpCode = u8(d, at + 1);
    return payload(at + ICMP_HEADER, onWire - ICMP_HEADER, v);
  }

  private static DecodeOutcome payload(int offset, int length, PacketView v) {
    v.payloadOffset = offset;
    v.payloadLength = length;
    return DecodeOutcome.OK;
  }
}
