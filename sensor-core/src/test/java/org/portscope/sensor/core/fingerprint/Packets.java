package org.portscope.sensor.core.fingerprint;

import org.portscope.sensor.api.IpAddress;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.Protocol;
import org.portscope.sensor.api.TcpFlags;
import org.portscope.sensor.api.TcpOptions;

/** Observations as the decoder would make them, with a realistic default TCP SYN. */
final class Packets {
  static final String SCANNER = "198.51.100.7";
  static final String SENSOR = "192.0.2.10";

  private IpAddress src = IpAddress.parse(SCANNER);
  private IpAddress dst = IpAddress.parse(SENSOR);
  private Protocol protocol = Protocol.TCP;
  private int srcPort = 41_234;
  private int dstPort = 22;
  private int flags = TcpFlags.SYN;
  private long seq = 0x1A2B_3C4DL;
  private long ack = 0;
  private int window = 64_240;
  private int ttl = 52;
  private int ipId = 0x4F21;
  private TcpOptions options = TcpOptions.NONE;
  private int icmpType = -1;
  private int icmpCode = -1;

  static Packets tcp() {
    return new Packets();
  }

  static Packets udp() {
    Packets p = new Packets().protocol(Protocol.UDP);
    p.flags = -1;
    p.seq = -1;
    p.ack = -1;
    p.window = -1;
    p.dstPort = 53;
    return p;
  }

  static Packets icmp(int type, int code) {
    Packets p = new Packets().protocol(Protocol.ICMP);
    p.srcPort = -1;
    p.dstPort = -1;
    p.flags = -1;
    p.seq = -1;
    p.ack = -1;
    p.window = -1;
    p.icmpType = type;
    p.icmpCode = code;
    return p;
  }

  /** ICMPv6 between documentation addresses; IPv6 has no IP ID. */
  static Packets icmp6(int type, int code) {
    Packets p = icmp(type, code).protocol(Protocol.ICMP6).v6();
    return p;
  }

  /** Switches the addresses to IPv6 documentation addresses. */
  Packets v6() {
    src = IpAddress.parse("2001:db8:bad::7");
    dst = IpAddress.parse("2001:db8:1::10");
    ipId = -1;
    return this;
  }

  Packets protocol(Protocol p) {
    protocol = p;
    return this;
  }

  Packets src(String a) {
    src = IpAddress.parse(a);
    return this;
  }

  Packets dst(String a) {
    dst = IpAddress.parse(a);
    return this;
  }

  Packets ports(int from, int to) {
    srcPort = from;
    dstPort = to;
    return this;
  }

  Packets flags(int f) {
    flags = f;
    return this;
  }

  Packets seq(long s) {
    seq = s & 0xFFFF_FFFFL;
    return this;
  }

  Packets ack(long a) {
    ack = a & 0xFFFF_FFFFL;
    return this;
  }

  Packets window(int w) {
    window = w;
    return this;
  }

  Packets ttl(int t) {
    ttl = t;
    return this;
  }

  Packets ipId(int id) {
    ipId = id;
    return this;
  }

  Packets options(int... bytes) {
    options = Options.of(bytes);
    return this;
  }

  Observation build() {
    return new Observation(1_700_000_000_000_000_000L, src, dst, protocol, srcPort, dstPort, flags,
        seq, ack, window, ttl, ipId, options, icmpType, icmpCode, 0, "node-1", null, null);
  }

  /** The destination address as an unsigned 32-bit number. */
  long dstBits() {
    return dst.lo();
  }

  int dstPort() {
    return dstPort;
  }

  int srcPort() {
    return srcPort;
  }
}
