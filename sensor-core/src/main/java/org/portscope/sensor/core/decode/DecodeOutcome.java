package org.portscope.sensor.core.decode;

import java.util.Locale;

/**
 * What {@link PacketDecoder#decode} made of a frame. {@link #OK} means the view holds a complete
 * packet; the other outcomes are either ignorable (well-formed traffic the sensor does not observe)
 * or {@link #malformed()} (the bytes contradict the headers they claim to be). Each outcome has a
 * stable {@link #label()} for metrics.
 */
public enum DecodeOutcome {
  /** An IP packet with a complete TCP, UDP, ICMP or ICMPv6 header. */
  OK(false),

  /** The link layer carries something other than IP (ARP, LLDP, an unknown address family, …). */
  NOT_IP(false),
  /** IP carrying a transport the sensor does not observe (GRE, SCTP, ESP, IPv6 Mobility, …). */
  OTHER_TRANSPORT(false),
  /** An IPv6 packet whose header chain ends with No Next Header (59). */
  NO_NEXT_HEADER(false),
  /** A fragment other than the first: it has no transport header. */
  NON_FIRST_FRAGMENT(false),

  /** The frame's link type is not one the decoder knows ({@code LinkType}). */
  UNKNOWN_LINK_TYPE(true),
  /** The frame ends inside its link-layer header or a VLAN tag. */
  TRUNCATED_LINK(true),
  /** A raw-IP frame without even the byte that holds the IP version. */
  TRUNCATED_IP(true),
  /** The IP version nibble is neither 4 nor 6, or disagrees with the link layer's type. */
  BAD_IP_VERSION(true),
  /** Fewer captured bytes than the IPv4 header needs. */
  TRUNCATED_IPV4(true),
  /** IPv4 header length (IHL) below 5 words. */
  BAD_IPV4_HEADER_LENGTH(true),
  /** IPv4 total length below the header length, or beyond the frame's wire length. */
  BAD_IPV4_TOTAL_LENGTH(true),
  /** Fewer captured bytes than the IPv6 header or one of its extension headers needs. */
  TRUNCATED_IPV6(true),
  /** IPv6 payload length beyond the frame's wire length. */
  BAD_IPV6_PAYLOAD_LENGTH(true),
  /** An IPv6 extension header that overruns the payload, or hop-by-hop options not first. */
  BAD_IPV6_EXTENSION(true),
  /** The TCP header (with its options) is not complete, on the wire or in the capture. */
  TRUNCATED_TCP(true),
  /** TCP data offset below 5 words or beyond the IP payload. */
  BAD_TCP_DATA_OFFSET(true),
  /** Fewer than 8 bytes of UDP header, on the wire or in the capture. */
  TRUNCATED_UDP(true),
  /** Fewer than 8 bytes of ICMP / ICMPv6 header, on the wire or in the capture. */
  TRUNCATED_ICMP(true);

  private final boolean malformed;
  private final String label;

  DecodeOutcome(boolean malformed) {
    this.malformed = malformed;
    this.label = name().toLowerCase(Locale.ROOT);
  }

  /** Whether the frame is broken (as opposed to decoded, or well-formed but of no interest). */
  public boolean malformed() {
    return malformed;
  }

  /** The snake_case name, e.g. {@code "truncated_tcp"}, usable as a Prometheus label value. */
  public String label() {
    return label;
  }
}
