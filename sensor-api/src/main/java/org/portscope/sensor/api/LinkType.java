package org.portscope.sensor.api;

/**
 * Link-layer header types a {@link RawFrame} may carry, as numbered in pcap files
 * (tcpdump.org "LINKTYPE_" registry). Live captures report the DLT_ values, which agree with these
 * except for raw IP; both numbers are accepted for it.
 */
public final class LinkType {
  /** BSD loopback: a 4-byte host-endian address family, then IP (LINKTYPE_NULL). */
  public static final int NULL = 0;
  /** Ethernet II with optional 802.1Q/802.1ad tags (LINKTYPE_ETHERNET). */
  public static final int ETHERNET = 1;
  /** Raw IP as Linux reports it live (DLT_RAW on Linux), e.g. a WireGuard tun device. */
  public static final int RAW_DLT = 12;
  /** Raw IP as written in pcap files (LINKTYPE_RAW). */
  public static final int RAW = 101;
  /** OpenBSD loopback: a 4-byte network-order address family, then IP (LINKTYPE_LOOP). */
  public static final int LOOP = 108;
  /** Linux cooked capture v1, 16-byte header (LINKTYPE_LINUX_SLL), e.g. {@code tcpdump -i any}. */
  public static final int LINUX_SLL = 113;
  /** Raw IPv4 (LINKTYPE_IPV4). */
  public static final int IPV4 = 228;
  /** Raw IPv6 (LINKTYPE_IPV6). */
  public static final int IPV6 = 229;
  /** Linux cooked capture v2, 20-byte header (LINKTYPE_LINUX_SLL2). */
  public static final int LINUX_SLL2 = 276;

  private LinkType() {}

  /** A short name for logs and error messages, e.g. {@code "ethernet"}, or {@code "linktype-N"}. */
  public static String name(int linkType) {
    return switch (linkType) {
      case NULL -> "null";
      case ETHERNET -> "ethernet";
      case RAW_DLT, RAW -> "raw";
      case LOOP -> "loop";
      case LINUX_SLL -> "linux-sll";
      case IPV4 -> "ipv4";
      case IPV6 -> "ipv6";
      case LINUX_SLL2 -> "linux-sll2";
      default -> "linktype-" + linkType;
    };
  }
}
