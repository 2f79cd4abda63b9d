package org.portscope.sensor.api;

import java.util.Objects;

/**
 * One packet that arrived at a closed port of a node, decoded and fingerprinted. This is what flows
 * from the core to the anonymizer and on to every forwarder.
 *
 * <p>Fields that a protocol does not have are {@code -1}: ports for ICMP, TCP fields for UDP and
 * ICMP, the IP ID for IPv6, ICMP type and code for TCP and UDP.
 *
 * <p>In listener mode an observation stands for a whole relayed TCP connection instead of one
 * packet: {@link #session} is set, the per-packet fields ({@code tcpFlags}, {@code seq}, {@code ack},
 * {@code window}, {@code ttl}, {@code ipId}) are {@code -1}, {@code timestampNanos} is the accept
 * and {@code payloadLength} is the bytes the source sent (capped at 2^31-1).
 *
 * @param timestampNanos capture time, nanoseconds since the Unix epoch
 * @param src the sender (the remote party)
 * @param dst the receiver (the node's own address)
 * @param protocol TCP, UDP, ICMP or ICMPv6
 * @param srcPort source port, or -1
 * @param dstPort destination port, or -1
 * @param tcpFlags the TCP flags byte ({@link TcpFlags}), or -1
 * @param seq the TCP sequence number (unsigned 32 bits), or -1
 * @param ack the TCP acknowledgment number (unsigned 32 bits), or -1
 * @param window the TCP window, or -1
 * @param ttl the IPv4 TTL or IPv6 hop limit, or -1 for a session
 * @param ipId the IPv4 identification field, or -1 for IPv6
 * @param tcpOptions the TCP options ({@link TcpOptions#NONE} when absent or not TCP)
 * @param icmpType the ICMP / ICMPv6 type, or -1
 * @param icmpCode the ICMP / ICMPv6 code, or -1
 * @param payloadLength bytes after the transport header, as sent (the wire length, not the capture)
 * @param node the id of the node it was seen on
 * @param fingerprint the verdict; {@code null} only before the core's fingerprinting stage
 * @param anonKeyId the id of the key that anonymized the addresses, or {@code null} while raw
 * @param session the relayed connection this observation stands for, or {@code null} for a packet
 *     (added in API 0.2.0)
 */
public record Observation(
    long timestampNanos,
    IpAddress src,
    IpAddress dst,
    Protocol protocol,
    int srcPort,
    int dstPort,
    int tcpFlags,
    long seq,
    long ack,
    int window,
    int ttl,
    int ipId,
    TcpOptions tcpOptions,
    int icmpType,
    int icmpCode,
    int payloadLength,
    String node,
    Fingerprint fingerprint,
    String anonKeyId,
    Session session) {

  /**
   * What a key id ({@link #anonKeyId}) may be: it travels in file names, URLs and JSON unescaped,
   * so {@value #ANON_KEY_ID_RULE}. Anonymizers stamp only such ids; configs and requests that name
   * one are checked with {@link #isAnonKeyId}.
   */
  public static final String ANON_KEY_ID_RULE = "1-64 letters, digits, '.', '_' or '-'";

  /** Whether {@code id} follows {@link #ANON_KEY_ID_RULE}. */
  public static boolean isAnonKeyId(String id) {
    if (id == null || id.isEmpty() || id.length() > 64) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '.' || c == '_' || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** A packet's observation (no session): the form every capture stage builds. */
  public Observation(long timestampNanos, IpAddress src, IpAddress dst, Protocol protocol,
      int srcPort, int dstPort, int tcpFlags, long seq, long ack, int window, int ttl, int ipId,
      TcpOptions tcpOptions, int icmpType, int icmpCode, int payloadLength, String node,
      Fingerprint fingerprint, String anonKeyId) {
    this(timestampNanos, src, dst, protocol, srcPort, dstPort, tcpFlags, seq, ack, window, ttl,
        ipId, tcpOptions, icmpType, icmpCode, payloadLength, node, fingerprint, anonKeyId, null);
  }

  /**
   * The observation of one relayed connection, before fingerprinting and anonymization.
   *
   * @param acceptedNanos when the node accepted it, nanoseconds since the Unix epoch
   */
  public static Observation ofSession(long acceptedNanos, IpAddress src, int srcPort, IpAddress dst,
      int dstPort, String node, Session session) {
    Objects.requireNonNull(session, "session");
    int length = (int) Math.min(Integer.MAX_VALUE, session.bytesFromSource());
    return new Observation(acceptedNanos, src, dst, Protocol.TCP, srcPort, dstPort, -1, -1, -1, -1,
        -1, -1, TcpOptions.NONE, -1, -1, length, node, null, null, session);
  }

  public Observation {
    Objects.requireNonNull(src, "src");
    Objects.requireNonNull(dst, "dst");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(tcpOptions, "tcpOptions");
    Objects.requireNonNull(node, "node");
    if (src.version() != dst.version()) {
      throw new IllegalArgumentException("src " + src + " and dst " + dst + " differ in IP version");
    }
  }

  /** 4 or 6. */
  public int ipVersion() {
    return src.version();
  }

  /** Whether the addresses are still the ones on the wire (no anonymizer has run). */
  public boolean isRaw() {
    return anonKeyId == null;
  }

  /** Whether this observation stands for a relayed connection (listener mode). */
  public boolean isSession() {
    return session != null;
  }

  public Observation withFingerprint(Fingerprint verdict) {
    return new Observation(timestampNanos, src, dst, protocol, srcPort, dstPort, tcpFlags, seq, ack,
        window, ttl, ipId, tcpOptions, icmpType, icmpCode, payloadLength, node, verdict, anonKeyId,
        session);
  }

  /** The same observation with its session's details replaced (e.g. the application named). */
  public Observation withSession(Session details) {
    return new Observation(timestampNanos, src, dst, protocol, srcPort, dstPort, tcpFlags, seq, ack,
        window, ttl, ipId, tcpOptions, icmpType, icmpCode, payloadLength, node, fingerprint,
        anonKeyId, Objects.requireNonNull(details, "details"));
  }

  /**
   * The same observation with other addresses, as an {@link Anonymizer} returns it.
   *
   * @param keyId the id of the key (or policy) used; never null, so the result is not raw
   */
  public Observation withAnonymizedAddresses(IpAddress newSrc, IpAddress newDst, String keyId) {
    return new Observation(timestampNanos, newSrc, newDst, protocol, srcPort, dstPort, tcpFlags, seq,
        ack, window, ttl, ipId, tcpOptions, icmpType, icmpCode, payloadLength, node, fingerprint,
        Objects.requireNonNull(keyId, "keyId"), session);
  }
}
