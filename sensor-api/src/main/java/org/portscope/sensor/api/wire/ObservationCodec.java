package org.portscope.sensor.api.wire;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import org.portscope.sensor.api.Fingerprint;
import org.portscope.sensor.api.IpAddress;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.Protocol;
import org.portscope.sensor.api.Session;
import org.portscope.sensor.api.TcpOptions;
import org.portscope.sensor.api.TrafficKind;

/**
 * The binary record of one {@link Observation} (layout versions 1 and 2; see the package
 * documentation for the byte layout). Every field round-trips exactly. Thread-safe: it has no state.
 *
 * <p>A record is written in the oldest layout that can carry it, as ZIP's "version needed to
 * extract": packets stay layout 1, which every hub reads; a record with a {@link Session} is layout
 * 2, which a hub that predates sessions refuses as a retryable {@code UNSUPPORTED_VERSION} (the node
 * keeps it spooled until the hub is upgraded) instead of storing it without its session.
 */
public final class ObservationCodec {
  /** The newest record layout this code writes and reads. */
  public static final int LAYOUT_VERSION = 2;
  /** The layout of records without a session. */
  static final int PACKET_LAYOUT_VERSION = 1;
  /** An upper bound of one encoded record, length prefix included. */
  public static final int MAX_RECORD_BYTES = 2 + 1 + 2 + 8 + 1 + 32 + 1 + 24
      + 1 + WireLimits.MAX_TCP_OPTIONS_BYTES + 3 * (1 + WireLimits.MAX_STRING_BYTES) + 1
      + 3 * 8 + 2 + WireLimits.MAX_SESSION_BYTES + 2 * (1 + WireLimits.MAX_STRING_BYTES);
  /** The smallest possible record: IPv4, no optional field, empty node. */
  static final int MIN_RECORD_BYTES = 2 + 1 + 2 + 8 + 1 + 8 + 1 + 1 + 1;

  // Presence bits: an optional field (-1 in the record, or null) is written only when its bit is set.
  static final int SRC_PORT = 1;
  static final int DST_PORT = 1 << 1;
  static final int TCP_FLAGS = 1 << 2;
  static final int SEQ = 1 << 3;
  static final int ACK = 1 << 4;
  static final int WINDOW = 1 << 5;
  static final int TTL = 1 << 6;
  static final int IP_ID = 1 << 7;
  static final int ICMP_TYPE = 1 << 8;
  static final int ICMP_CODE = 1 << 9;
  static final int PAYLOAD_LENGTH = 1 << 10;
  static final int FINGERPRINT = 1 << 11;
  static final int SPOOF_SUSPECT = 1 << 12;
  static final int ANON_KEY_ID = 1 << 13;
  static final int SESSION = 1 << 14;
  static final int SESSION_APPLICATION = 1 << 15;

  private ObservationCodec() {}

  /** One record as bytes, length prefix included. */
  public static byte[] encode(Observation o) {
    ByteBuffer buf = ByteBuffer.allocate(MAX_RECORD_BYTES);
    encode(o, buf);
    byte[] out = new byte[buf.position()];
    buf.flip().get(out);
    return out;
  }

  /**
   * Writes one record at {@code out}'s position.
   *
   * @throws IllegalArgumentException naming the field when a value does not fit its wire type
   *     (a port outside -1..65535, a string over {@link WireLimits#MAX_STRING_BYTES}, …)
   * @throws java.nio.BufferOverflowException when {@code out} has less than
   *     {@link #MAX_RECORD_BYTES} left and the record does not fit
   */
  public static void encode(Observation o, ByteBuffer out) {
    int start = out.position();
    out.putShort((short) 0); // length, patched below
    out.put((byte) (o.isSession() ? LAYOUT_VERSION : PACKET_LAYOUT_VERSION));
    int bits = presence(o);
    out.putShort((short) bits);
    out.putLong(o.timestampNanos());
    out.put((byte) o.ipVersion());
    writeAddress(o.src(), out);
    writeAddress(o.dst(), out);
    out.put((byte) o.protocol().number());
    if ((bits & SRC_PORT) != 0) out.putShort((short) o.srcPort());
    if ((bits & DST_PORT) != 0) out.putShort((short) o.dstPort());
    if ((bits & TCP_FLAGS) != 0) out.put((byte) o.tcpFlags());
    if ((bits & SEQ) != 0) out.putInt((int) o.seq());
    if ((bits & ACK) != 0) out.putInt((int) o.ack());
    if ((bits & WINDOW) != 0) out.putShort((short) o.window());
    if ((bits & TTL) != 0) out.put((byte) o.ttl());
    if ((bits & IP_ID) != 0) out.putShort((short) o.ipId());
    if ((bits & ICMP_TYPE) != 0) out.put((byte) o.icmpType());
    if ((bits & ICMP_CODE) != 0) out.put((byte) o.icmpCode());
    if ((bits & PAYLOAD_LENGTH) != 0) out.putInt(o.payloadLength());
    byte[] options = o.tcpOptions().toBytes();
    if (options.length > WireLimits.MAX_TCP_OPTIONS_BYTES) {
      throw new IllegalArgumentException("tcpOptions has " + options.length + " bytes, at most "
          + WireLimits.MAX_TCP_OPTIONS_BYTES + " fit the wire format");
    }
    out.put((byte) options.length).put(options);
    writeString("node", o.node(), out);
    if (o.fingerprint() != null) {
      writeString("fingerprint.tool", o.fingerprint().tool(), out);
      out.put((byte) kindCode(o.fingerprint().kind()));
    }
    if (o.anonKeyId() != null) {
      writeString("anonKeyId", o.anonKeyId(), out);
    }
    if (o.isSession()) {
      writeSession(o.session(), out);
    }
    out.putShort(start, (short) (out.position() - start - 2));
  }

  /**
   * Reads one record at {@code in}'s position and leaves the position after it. Bytes a newer
   * writer appended to the record are skipped.
   *
   * @throws WireFormatException when the record is truncated, corrupt or of an unknown layout
   */
  public static Observation decode(ByteBuffer in) throws WireFormatException {
    if (in.remaining() < 2) {
      throw new WireFormatException("observation record truncated: " + in.remaining()
          + " bytes left, a 2-byte length expected");
    }
    int length = Short.toUnsignedInt(in.getShort());
    if (length > in.remaining()) {
      throw new WireFormatException("observation record declares " + length + " bytes, only "
          + in.remaining() + " left");
    }
    ByteBuffer rec = in.slice(in.position(), length);
    in.position(in.position() + length);
    try {
      return decodeRecord(rec);
    } catch (BufferUnderflowException e) {
      throw new WireFormatException("observation record truncated: its " + length
          + " bytes end inside a field", e);
    } catch (IllegalArgumentException e) {
      throw new WireFormatException("observation record invalid: " + e.getMessage(), e);
    }
  }

  private static Observation decodeRecord(ByteBuffer rec) throws WireFormatException {
    int version = Byte.toUnsignedInt(rec.get());
    if (version != PACKET_LAYOUT_VERSION && version != LAYOUT_VERSION) {
      throw new WireFormatException(RefusalReason.UNSUPPORTED_VERSION, "observation layout version "
          + version + " is not supported (" + PACKET_LAYOUT_VERSION + " or " + LAYOUT_VERSION
          + " expected)", null);
    }
    int bits = Short.toUnsignedInt(rec.getShort());
    long ts = rec.getLong();
    int ipVersion = Byte.toUnsignedInt(rec.get());
    if (ipVersion != 4 && ipVersion != 6) {
      throw new WireFormatException("IP version " + ipVersion + " (4 or 6 expected)");
    }
    IpAddress src = readAddress(ipVersion, rec);
    IpAddress dst = readAddress(ipVersion, rec);
    Protocol protocol = protocol(Byte.toUnsignedInt(rec.get()));
    int srcPort = (bits & SRC_PORT) != 0 ? Short.toUnsignedInt(rec.getShort()) : -1;
    int dstPort = (bits & DST_PORT) != 0 ? Short.toUnsignedInt(rec.getShort()) : -1;
    int tcpFlags = (bits & TCP_FLAGS) != 0 ? Byte.toUnsignedInt(rec.get()) : -1;
    long seq = (bits & SEQ) != 0 ? Integer.toUnsignedLong(rec.getInt()) : -1;
    long ack = (bits & ACK) != 0 ? Integer.toUnsignedLong(rec.getInt()) : -1;
    int window = (bits & WINDOW) != 0 ? Short.toUnsignedInt(rec.getShort()) : -1;
    int ttl = (bits & TTL) != 0 ? Byte.toUnsignedInt(rec.get()) : -1;
    int ipId = (bits & IP_ID) != 0 ? Short.toUnsignedInt(rec.getShort()) : -1;
    int icmpType = (bits & ICMP_TYPE) != 0 ? Byte.toUnsignedInt(rec.get()) : -1;
    int icmpCode = (bits & ICMP_CODE) != 0 ? Byte.toUnsignedInt(rec.get()) : -1;
    int payloadLength = (bits & PAYLOAD_LENGTH) != 0 ? rec.getInt() : -1;
    if (payloadLength < -1) {
      throw new WireFormatException("payloadLength " + Integer.toUnsignedLong(payloadLength)
          + " is over 2^31-1");
    }
    byte[] options = new byte[Byte.toUnsignedInt(rec.get())];
    rec.get(options);
    String node = readString("node", rec);
    Fingerprint fingerprint = null;
    if ((bits & FINGERPRINT) != 0) {
      String tool = readString("fingerprint.tool", rec);
      fingerprint = new Fingerprint(tool, kind(Byte.toUnsignedInt(rec.get())), (bits & SPOOF_SUSPECT) != 0);
    }
    String keyId = (bits & ANON_KEY_ID) != 0 ? readString("anonKeyId", rec) : null;
    Session session = version >= 2 && (bits & SESSION) != 0 ? readSession(bits, rec) : null;
    return new Observation(ts, src, dst, protocol, srcPort, dstPort, tcpFlags, seq, ack, window, ttl,
        ipId, TcpOptions.copyOf(options, 0, options.length), icmpType, icmpCode, payloadLength, node,
        fingerprint, keyId, session);
  }

  private static void writeSession(Session s, ByteBuffer out) {
    if (s.firstBytes().length > WireLimits.MAX_SESSION_BYTES) {
      throw new IllegalArgumentException("session.firstBytes has " + s.firstBytes().length
          + " bytes, at most " + WireLimits.MAX_SESSION_BYTES + " fit the wire format");
    }
    out.putLong(s.durationNanos()).putLong(s.bytesFromSource()).putLong(s.bytesToSource());
    out.putShort((short) s.firstBytes().length).put(s.firstBytes());
    if (s.application() != null) {
      writeString("session.application", s.application(), out);
    }
    writeString("session.end", s.end(), out);
  }

  private static Session readSession(int bits, ByteBuffer rec) throws WireFormatException {
    long duration = rec.getLong();
    long fromSource = rec.getLong();
    long toSource = rec.getLong();
    int n = Short.toUnsignedInt(rec.getShort());
    if (n > WireLimits.MAX_SESSION_BYTES) {
      throw new WireFormatException("session.firstBytes declares " + n + " bytes, at most "
          + WireLimits.MAX_SESSION_BYTES + " allowed");
    }
    byte[] first = new byte[n];
    rec.get(first);
    String application = (bits & SESSION_APPLICATION) != 0
        ? readString("session.application", rec) : null;
    return new Session(duration, fromSource, toSource, first, application,
        readString("session.end", rec));
  }

  private static int presence(Observation o) {
    int bits = 0;
    bits |= optional("srcPort", o.srcPort(), 0xFFFF, SRC_PORT);
    bits |= optional("dstPort", o.dstPort(), 0xFFFF, DST_PORT);
    bits |= optional("tcpFlags", o.tcpFlags(), 0xFF, TCP_FLAGS);
    bits |= optional("seq", o.seq(), 0xFFFF_FFFFL, SEQ);
    bits |= optional("ack", o.ack(), 0xFFFF_FFFFL, ACK);
    bits |= optional("window", o.window(), 0xFFFF, WINDOW);
    bits |= optional("ttl", o.ttl(), 0xFF, TTL);
    bits |= optional("ipId", o.ipId(), 0xFFFF, IP_ID);
    bits |= optional("icmpType", o.icmpType(), 0xFF, ICMP_TYPE);
    bits |= optional("icmpCode", o.icmpCode(), 0xFF, ICMP_CODE);
    bits |= optional("payloadLength", o.payloadLength(), Integer.MAX_VALUE, PAYLOAD_LENGTH);
    if (o.fingerprint() != null) {
      bits |= FINGERPRINT;
      if (o.fingerprint().spoofSuspect()) {
        bits |= SPOOF_SUSPECT;
      }
    }
    if (o.anonKeyId() != null) {
      bits |= ANON_KEY_ID;
    }
    if (o.isSession()) {
      bits |= SESSION;
      if (o.session().application() != null) {
        bits |= SESSION_APPLICATION;
      }
    }
    return bits;
  }

  private static int optional(String field, long value, long max, int bit) {
    if (value == -1) {
      return 0;
    }
    if (value < 0 || value > max) {
      throw new IllegalArgumentException(field + " is " + value + ", expected -1 (absent) or 0.." + max);
    }
    return bit;
  }

  private static void writeAddress(IpAddress a, ByteBuffer out) {
    if (a.isV4()) {
      out.putInt(a.v4());
    } else {
      out.putLong(a.hi()).putLong(a.lo());
    }
  }

  private static IpAddress readAddress(int version, ByteBuffer in) {
    return version == 4 ? IpAddress.ofV4(in.getInt()) : IpAddress.ofV6(in.getLong(), in.getLong());
  }

  private static void writeString(String field, String s, ByteBuffer out) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (b.length > WireLimits.MAX_STRING_BYTES) {
      throw new IllegalArgumentException(field + " has " + b.length + " UTF-8 bytes, at most "
          + WireLimits.MAX_STRING_BYTES + " fit the wire format");
    }
    out.put((byte) b.length).put(b);
  }

  private static String readString(String field, ByteBuffer in) throws WireFormatException {
    int n = Byte.toUnsignedInt(in.get());
    if (n > in.remaining()) {
      throw new BufferUnderflowException();
    }
    int start = in.position();
    in.position(start + n);
    if (in.hasArray() && isAscii(in.array(), in.arrayOffset() + start, n)) {
      // The common case (node names, tool names, key ids): no decoder, no validation to do.
      return new String(in.array(), in.arrayOffset() + start, n, StandardCharsets.ISO_8859_1);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(in.slice(start, n)).toString();
    } catch (CharacterCodingException e) {
      throw new WireFormatException(field + " is not valid UTF-8", e);
    }
  }

  private static boolean isAscii(byte[] b, int from, int n) {
    for (int i = from; i < from + n; i++) {
      if (b[i] < 0) {
        return false;
      }
    }
    return true;
  }

  private static Protocol protocol(int number) throws WireFormatException {
    for (Protocol p : Protocol.values()) {
      if (p.number() == number) {
        return p;
      }
    }
    throw new WireFormatException("IP protocol " + number + " (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6 expected)");
  }

  static int kindCode(TrafficKind kind) {
    return switch (kind) {
      case PROBE -> 1;
      case BACKSCATTER -> 2;
      case OTHER -> 3;
    };
  }

  private static TrafficKind kind(int code) throws WireFormatException {
    return switch (code) {
      case 1 -> TrafficKind.PROBE;
      case 2 -> TrafficKind.BACKSCATTER;
      case 3 -> TrafficKind.OTHER;
      default -> throw new WireFormatException("traffic kind " + code
          + " (1 probe, 2 backscatter, 3 other expected)");
    };
  }
}
