package org.portscope.sensor.core.decode;

import java.util.Objects;
import org.portscope.sensor.api.IpAddress;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.Protocol;
import org.portscope.sensor.api.TcpOptions;

/**
 * The decoded fields of one frame, overwritten by every {@link PacketDecoder#decode}: one view per
 * pipeline thread, never shared between threads, read before the next decode.
 *
 * <p>The view keeps a reference to the frame's array and offsets into it ({@link #data()}); it
 * copies nothing while decoding. The values it hands out ({@link #src()}, {@link #dst()},
 * {@link #tcpOptions()}) are immutable, and it hands out the previous packet's again when they are
 * equal. Fields a packet lacks read as -1 (numbers), 0 ({@link #ipVersion()}) or null
 * ({@link #protocol()}). Addresses are kept as raw bits in the layout of {@link IpAddress}: IPv4 in
 * the low 32 bits of {@code lo} with {@code hi == 0}, IPv6 as two longs, so they can be compared
 * without allocating.
 */
public final class PacketView {
  DecodeOutcome outcome;
  long timestampNanos;
  int linkType;
  byte[] data;
  /** How many bytes of {@code data}, from index 0, are the frame's: the captured length. */
  int length;
  int wireLength;
  int etherType;
  int vlanTags;
  int vlanId;
  int linkIpVersion;
  int ipOffset;
  int ipVersion;
  int tos;
  int ttl;
  int ipId;
  boolean dontFragment;
  boolean fragment;
  int ipProtocol;
  long srcHi;
  long srcLo;
  long dstHi;
  long dstLo;
  int ipEnd;
  int transportOffset;
  Protocol protocol;
  int srcPort;
  int dstPort;
  int tcpFlags;
  long seq;
  long ack;
  int window;
  int tcpOptionsOffset;
  int tcpOptionsLength;
  int icmpType;
  int icmpCode;
  int payloadOffset;
  int payloadLength;
  /*
   * The values handed out for the previous packet: they are immutable, and a scanner's packets
   * share their source and options (and a flood's its destination), so handing the same object
   * out again spares two to four allocations per packet.
   */
  private IpAddress lastSrc;
  private IpAddress lastDst;
  private TcpOptions lastOptions;

  /** An empty view; {@link #outcome()} is null until the first decode. */
  public PacketView() {
    data = new byte[0];
    reset(0, -1, data, 0, 0);
  }

  void reset(long timestampNanos, int linkType, byte[] data, int length, int wireLength) {
    this.outcome = null;
    this.timestampNanos = timestampNanos;
    this.linkType = linkType;
    this.data = data;
    this.length = length;
    this.wireLength = wireLength;
    etherType = vlanId = ipOffset = -1;
    vlanTags = linkIpVersion = ipVersion = 0;
    tos = ttl = ipId = ipProtocol = ipEnd = transportOffset = -1;
    dontFragment = fragment = false;
    srcHi = srcLo = dstHi = dstLo = 0;
    protocol = null;
    srcPort = dstPort = tcpFlags = window = icmpType = icmpCode = -1;
    seq = ack = -1;
    tcpOptionsOffset = tcpOptionsLength = payloadOffset = payloadLength = -1;
  }

  /** The outcome of the last decode into this view, or null before the first. */
  public DecodeOutcome outcome() {
    return outcome;
  }

  /** Capture time, nanoseconds since the Unix epoch. */
  public long timestampNanos() {
    return timestampNanos;
  }

  public int linkType() {
    return linkType;
  }

  /**
   * The array the frame was decoded from (not a copy): offsets in this view index into it, and
   * its first {@link #capturedLength()} bytes are the frame. Never write to it; when a source lent
   * it ({@code FrameSink.lend}), it holds the next frame once the view's packet is done.
   */
  public byte[] data() {
    return data;
  }

  /** How many bytes were captured: the frame is {@code data()[0, capturedLength())}. */
  public int capturedLength() {
    return length;
  }

  /** The frame's length on the wire, at least {@link #capturedLength()}. */
  public int wireLength() {
    return wireLength;
  }

  /** The EtherType after any VLAN tags (Ethernet, SLL, SLL2), or -1 for link types without one. */
  public int etherType() {
    return etherType;
  }

  /** How many VLAN tags the frame carried. */
  public int vlanTags() {
    return vlanTags;
  }

  /** The VLAN id of the outermost tag, or -1 when untagged. */
  public int vlanId() {
    return vlanId;
  }

  /** 4 or 6 once an IP header was decoded, else 0. */
  public int ipVersion() {
    return ipVersion;
  }

  /** Where the IP header starts in {@link #data()}, or -1. */
  public int ipOffset() {
    return ipOffset;
  }

  /** IPv4 type of service or IPv6 traffic class, or -1. */
  public int tos() {
    return tos;
  }

  /** IPv4 TTL or IPv6 hop limit, or -1. */
  public int ttl() {
    return ttl;
  }

  /** The IPv4 identification field; -1 for IPv6. */
  public int ipId() {
    return ipId;
  }

  /** The IPv4 DF bit (always false for IPv6, which routers never fragment). */
  public boolean dontFragment() {
    return dontFragment;
  }

  /** Whether the packet is a piece of a fragmented datagram (first or later). */
  public boolean fragment() {
    return fragment;
  }

  /** The upper-layer protocol number (after IPv6 extension headers), or -1. */
  public int ipProtocol() {
    return ipProtocol;
  }

  public long srcHi() {
    return srcHi;
  }

  public long srcLo() {
    return srcLo;
  }

  public long dstHi() {
    return dstHi;
  }

  public long dstLo() {
    return dstLo;
  }

  /** The IPv4 source address bits; meaningful when {@code ipVersion() == 4}. */
  public int srcV4() {
    return (int) srcLo;
  }

  /** The IPv4 destination address bits; meaningful when {@code ipVersion() == 4}. */
  public int dstV4() {
    return (int) dstLo;
  }

  /** The source address as a value (allocates unless it is the previous packet's). */
  public IpAddress src() {
    lastSrc = reuse(lastSrc, requireIp(), srcHi, srcLo);
    return lastSrc;
  }

  /** The destination address as a value (allocates unless it is the previous packet's). */
  public IpAddress dst() {
    lastDst = reuse(lastDst, requireIp(), dstHi, dstLo);
    return lastDst;
  }

  private static IpAddress reuse(IpAddress last, int version, long hi, long lo) {
    return last != null && last.lo() == lo && last.hi() == hi && last.version() == version
        ? last : new IpAddress(version, hi, lo);
  }

  /** Where the transport header starts in {@link #data()}, or -1. */
  public int transportOffset() {
    return transportOffset;
  }

  /** The transport once its header was decoded, else null. */
  public Protocol protocol() {
    return protocol;
  }

  public int srcPort() {
    return srcPort;
  }

  public int dstPort() {
    return dstPort;
  }

  /** The TCP flags byte ({@link org.portscope.sensor.api.TcpFlags}), or -1. */
  public int tcpFlags() {
    return tcpFlags;
  }

  /** The TCP sequence number, unsigned 32 bits, or -1. */
  public long seq() {
    return seq;
  }

  /** The TCP acknowledgment number, unsigned 32 bits, or -1. */
  public long ack() {
    return ack;
  }

  public int window() {
    return window;
  }

  /** Where the TCP option bytes start in {@link #data()}, or -1. */
  public int tcpOptionsOffset() {
    return tcpOptionsOffset;
  }

  /** How many TCP option bytes there are (0 without options), or -1 when not TCP. */
  public int tcpOptionsLength() {
    return tcpOptionsLength;
  }

  /**
   * The TCP options: the previous packet's value when the bytes are equal, else a copy;
   * {@link TcpOptions#NONE} without options.
   */
  public TcpOptions tcpOptions() {
    if (tcpOptionsLength <= 0) {
      return TcpOptions.NONE;
    }
    TcpOptions last = lastOptions;
    if (last == null || !last.sameBytes(data, tcpOptionsOffset, tcpOptionsLength)) {
      last = TcpOptions.copyOf(data, tcpOptionsOffset, tcpOptionsLength);
      lastOptions = last;
    }
    return last;
  }

  public int icmpType() {
    return icmpType;
  }

  public int icmpCode() {
    return icmpCode;
  }

  /** Where the payload starts in {@link #data()} (possibly past the captured end), or -1. */
  public int payloadOffset() {
    return payloadOffset;
  }

  /** Payload bytes as sent, computed from the IP lengths (not the capture), or -1. */
  public int payloadLength() {
    return payloadLength;
  }

  /** How many payload bytes were captured: {@link #payloadLength()} unless a snap length cut it. */
  public int capturedPayloadLength() {
    if (payloadLength < 0) {
      return -1;
    }
    return Math.max(0, Math.min(payloadLength, length - payloadOffset));
  }

  /**
   * The decoded packet as an {@link Observation} without fingerprint and with raw addresses. This
   * is the step that allocates.
   *
   * @throws IllegalStateException unless the last decode was {@link DecodeOutcome#OK}
   */
  public Observation toObservation(String node) {
    Objects.requireNonNull(node, "node");
    if (outcome != DecodeOutcome.OK) {
      throw new IllegalStateException(
          "the view holds no decoded packet (last outcome: " + outcome + ")");
    }
    return new Observation(timestampNanos, src(), dst(), protocol, srcPort, dstPort, tcpFlags, seq,
        ack, window, ttl, ipId, tcpOptions(), icmpType, icmpCode, payloadLength, node, null, null);
  }

  private int requireIp() {
    if (ipVersion == 0) {
      throw new IllegalStateException(
          "the view holds no IP header (last outcome: " + outcome + ")");
    }
    return ipVersion;
  }
}
