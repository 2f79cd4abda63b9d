package org.portscope.sensor.core.decode;

import static org.portscope.sensor.core.decode.Bytes.i64;
import static org.portscope.sensor.core.decode.Bytes.u16;
import static org.portscope.sensor.core.decode.Bytes.u32;
import static org.portscope.sensor.core.decode.Bytes.u8;

/**
 * Decodes the IPv4 header or the IPv6 header with its extension chain, starting at {@link
 * PacketView#ipOffset}. Leaves {@link PacketView#transportOffset}, {@link PacketView#ipEnd} (where
 * the packet ends on the wire, by the IP length fields) and {@link PacketView#ipProtocol} (the upper
 * protocol) for the transport layer. Checksums are not verified: offloading NICs and veth pairs
 * hand captures partial checksums, and a telescope wants those packets too.
 */
final class IpLayer {
  private static final int IPV4_HEADER = 20;
  private static final int IPV6_HEADER = 40;
  private static final int MIN_EXTENSION = 8;

  private static final int HOP_BY_HOP = 0;
  private static final int ROUTING = 43;
  private static final int FRAGMENT = 44;
  private static final int ESP = 50;
  private static final int AH = 51;
  private static final int NO_NEXT_HEADER = 59;
  private static final int DESTINATION_OPTIONS = 60;

  private IpLayer() {}

  /** {@code wireLength} is the frame's length on the wire, counted from the frame's start. */
  static DecodeOutcome decode(byte[] d, int wireLength, PacketView v) {
    int at = v.ipOffset;
    if (at >= v.length) {
      return v.linkIpVersion == 4 ? DecodeOutcome.TRUNCATED_IPV4
          : v.linkIpVersion == 6 ? DecodeOutcome.TRUNCATED_IPV6 : DecodeOutcome.TRUNCATED_IP;
    }
    int version = u8(d, at) >>> 4;
    if (v.linkIpVersion != 0 && version != v.linkIpVersion) {
      return DecodeOutcome.BAD_IP_VERSION;
    }
    return switch (version) {
      case 4 -> ipv4(d, wireLength, v);
      case 6 -> ipv6(d, wireLength, v);
      default -> DecodeOutcome.BAD_IP_VERSION;
    };
  }

  private static DecodeOutcome ipv4(byte[] d, int wireLength, PacketView v) {
    int at = v.ipOffset;
    if (at + IPV4_HEADER > v.length) {
      return DecodeOutcome.TRUNCATED_IPV4;
    }
    int headerLength = (u8(d, at) & 0x0F) * 4;
    if (headerLength < IPV4_HEADER) {
      return DecodeOutcome.BAD_IPV4_HEADER_LENGTH;
    }
    if (at + headerLength > v.length) {
      return DecodeOutcome.TRUNCATED_IPV4;
    }
    int totalLength = u16(d, at + 2);
    if (totalLength < headerLength || at + totalLength > wireLength) {
      return DecodeOutcome.BAD_IPV4_TOTAL_LENGTH;
    }
    v.ipVersion = 4;
    v.tos = u8(d, at + 1);
    v.ipId = u16(d, at + 4);
    int flagsAndOffset = u16(d, at + 6);
    v.dontFragment = (flagsAndOffset & 0x4000) != 0;
    v.fragment = (flagsAndOffset & 0x3FFF) != 0; // MF set or a non-zero offset
    v.ttl = u8(d, at + 8);
    v.ipProtocol = u8(d, at + 9);
    v.srcLo = u32(d, at + 12);
    v.dstLo = u32(d, at + 16);
    v.transportOffset = at + headerLength;
    v.ipEnd = at + totalLength;
    return (flagsAndOffset & 0x1FFF) != 0 ? DecodeOutcome.NON_FIRST_FRAGMENT : DecodeOutcome.OK;
  }

  private static DecodeOutcome ipv6(byte[] d, int wireLength, PacketView v) {
    int at = v.ipOffset;
    if (at + IPV6_HEADER > v.length) {
      return DecodeOutcome.TRUNCATED_IPV6;
    }
    int end = at + IPV6_HEADER + u16(d, at + 4);
    if (end > wireLength) {
      return DecodeOutcome.BAD_IPV6_PAYLOAD_LENGTH;
    }
    v.ipVersion = 6;
    v.tos = (u16(d, at) >>> 4) & 0xFF; // traffic class
    v.ttl = u8(d, at + 7);
    v.srcHi = i64(d, at + 8);
    v.srcLo = i64(d, at + 16);
    v.dstHi = i64(d, at + 24);
    v.dstLo = i64(d, at + 32);
    v.ipEnd = end;
    return extensions(d, u8(d, at + 6), at + IPV6_HEADER, end, v);
  }

  /**
   * Walks the extension headers. Every one is at least 8 bytes, so the walk ends within the
   * payload length. The whole of each header must lie inside the payload (else the packet is
   * malformed) and inside the capture (else it was truncated).
   */
  private static DecodeOutcome extensions(byte[] d, int next, int at, int end, PacketView v) {
    int capturedEnd = Math.min(end, v.length);
    boolean first = true;
    while (true) {
      v.ipProtocol = next;
      v.transportOffset = at;
      switch (next) {
        case HOP_BY_HOP, ROUTING, FRAGMENT, AH, DESTINATION_OPTIONS -> {
          if (next == HOP_BY_HOP && !first) {
            return DecodeOutcome.BAD_IPV6_EXTENSION; // RFC 8200 4.1: only right after the header
          }
          if (at + MIN_EXTENSION > end) {
            return DecodeOutcome.BAD_IPV6_EXTENSION;
          }
          if (at + MIN_EXTENSION > capturedEnd) {
            return DecodeOutcome.TRUNCATED_IPV6;
          }
          int length = next == FRAGMENT ? 8
              : next == AH ? (u8(d, at + 1) + 2) * 4 : (u8(d, at + 1) + 1) * 8;
          if (at + length > end) {
            return DecodeOutcome.BAD_IPV6_EXTENSION;
          }
          if (at + length > capturedEnd) {
            return DecodeOutcome.TRUNCATED_IPV6;
          }
          int following = u8(d, at);
          if (next == FRAGMENT) {
            int offsetAndFlags = u16(d, at + 2);
            v.fragment = (offsetAndFlags & 0xFFF9) != 0; // an atomic fragment (RFC 6946) is whole
            if ((offsetAndFlags & 0xFFF8) != 0) {
              v.ipProtocol = following;
              v.transportOffset = at + length;
              return DecodeOutcome.NON_FIRST_FRAGMENT;
            }
          }
          next = following;
          at += length;
          first = false;
        }
        case ESP -> {
          return DecodeOutcome.OTHER_TRANSPORT; // encrypted: nothing further can be read
        }
        case NO_NEXT_HEADER -> {
          return DecodeOutcome.NO_NEXT_HEADER;
        }
        default -> {
          return DecodeOutcome.OK; // an upper-layer protocol; the transport layer judges it
        }
      }
    }
  }
}
