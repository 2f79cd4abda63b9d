package org.portscope.sensor.core.decode;

import static org.portscope.sensor.core.decode.Bytes.i32;
import static org.portscope.sensor.core.decode.Bytes.i32le;
import static org.portscope.sensor.core.decode.Bytes.u16;

import org.portscope.sensor.api.LinkType;

/**
 * Strips the link-layer header: sets {@link PacketView#ipOffset}, {@link PacketView#etherType},
 * the VLAN fields and {@link PacketView#linkIpVersion} (4, 6, or 0 when the IP header's version
 * nibble decides, as for raw IP).
 */
final class LinkLayer {
  static final int ETHERTYPE_IPV4 = 0x0800;
  static final int ETHERTYPE_IPV6 = 0x86DD;

  private static final int ETHERNET_HEADER = 14;
  private static final int SLL_HEADER = 16;
  private static final int SLL2_HEADER = 20;
  private static final int VLAN_TAG = 4;

  private LinkLayer() {}

  static DecodeOutcome decode(int linkType, byte[] d, PacketView v) {
    return switch (linkType) {
      case LinkType.ETHERNET ->
          v.length < ETHERNET_HEADER ? DecodeOutcome.TRUNCATED_LINK : etherPayload(d, 12, 14, v);
      // SLL v1: packet type, ARPHRD, address length, 8 address bytes, then the protocol.
      case LinkType.LINUX_SLL ->
          v.length < SLL_HEADER ? DecodeOutcome.TRUNCATED_LINK : etherPayload(d, 14, SLL_HEADER, v);
      // SLL2 puts the protocol first, then reserved, ifindex, ARPHRD, packet type, address.
      case LinkType.LINUX_SLL2 ->
          v.length < SLL2_HEADER ? DecodeOutcome.TRUNCATED_LINK : etherPayload(d, 0, SLL2_HEADER, v);
      case LinkType.RAW_DLT, LinkType.RAW -> ip(0, 0, v);
      case LinkType.IPV4 -> ip(0, 4, v);
      case LinkType.IPV6 -> ip(0, 6, v);
      case LinkType.NULL -> loopback(d, true, v);
      case LinkType.LOOP -> loopback(d, false, v);
      default -> DecodeOutcome.UNKNOWN_LINK_TYPE;
    };
  }

  /**
   * Follows an EtherType at {@code typeAt} whose payload starts at {@code payloadAt}, through any
   * number of 802.1Q / 802.1ad / pre-standard QinQ tags (each tag: TCI, then the next EtherType).
   */
  private static DecodeOutcome etherPayload(byte[] d, int typeAt, int payloadAt, PacketView v) {
    int type = u16(d, typeAt);
    int at = payloadAt;
    while (isVlanTag(type)) {
      if (at + VLAN_TAG > v.length) {
        return DecodeOutcome.TRUNCATED_LINK;
      }
      if (v.vlanTags == 0) {
        v.vlanId = u16(d, at) & 0x0FFF;
      }
      v.vlanTags++;
      type = u16(d, at + 2);
      at += VLAN_TAG;
    }
    v.etherType = type;
    if (type == ETHERTYPE_IPV4) {
      return ip(at, 4, v);
    }
    if (type == ETHERTYPE_IPV6) {
      return ip(at, 6, v);
    }
    return DecodeOutcome.NOT_IP; // ARP, LLDP, MPLS, PPPoE, and 802.3 lengths (< 0x0600)
  }

  private static boolean isVlanTag(int etherType) {
    return etherType == 0x8100 || etherType == 0x88A8 || etherType == 0x9100 || etherType == 0x9200
        || etherType == 0x9300;
  }

  /**
   * BSD loopback: a 4-byte address family. NULL stores it in the capturing host's byte order, so
   * both orders are tried (2 and 0x02000000 cannot be confused); LOOP stores it in network order.
   * AF_INET is 2 everywhere, AF_INET6 is 10 (Linux), 24 (NetBSD, OpenBSD), 28 (FreeBSD) or 30 (macOS).
   */
  private static DecodeOutcome loopback(byte[] d, boolean eitherOrder, PacketView v) {
    if (v.length < 4) {
      return DecodeOutcome.TRUNCATED_LINK;
    }
    int version = familyVersion(i32(d, 0));
    if (version == 0 && eitherOrder) {
      version = familyVersion(i32le(d, 0));
    }
    return version == 0 ? DecodeOutcome.NOT_IP : ip(4, version, v);
  }

  private static int familyVersion(int family) {
    return switch (family) {
      case 2 -> 4;
      case 10, 24, 28, 30 -> 6;
      default -> 0;
    };
  }

  private static DecodeOutcome ip(int offset, int version, PacketView v) {
    v.ipOffset = offset;
    v.linkIpVersion = version;
    return DecodeOutcome.OK;
  }
}
