package org.portscope.plugin.jsonl;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.portscope.sensor.api.Fingerprint;
import org.portscope.sensor.api.IpAddress;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.Protocol;
import org.portscope.sensor.api.Session;
import org.portscope.sensor.api.TcpFlags;
import org.portscope.sensor.api.TcpOptions;
import org.portscope.sensor.api.TrafficKind;

/**
 * Writes an {@link Observation} as one JSON object (no newline) straight into bytes. Hand-written
 * because it runs once per packet: keys and labels are pre-encoded ({@link AsciiText}: stored as
 * words), the room for the fixed part is reserved once, and the texts that repeat from packet to
 * packet (the second's date-time, the node, tools, option layouts) are encoded once and copied.
 * Fields a protocol lacks are {@code null}. Not thread-safe (it caches).
 */
public final class ObservationJson {
  /** The most the fixed part can take: keys, numbers, two IPv4 addresses, flags, labels. */
  private static final int FIXED_MAX = 512;
  private static final int MAX_CACHED_TEXTS = 256;

  private static final AsciiText TS = AsciiText.of("{\"ts\":\"");
  private static final AsciiText NODE = AsciiText.of("\",\"node\":");
  private static final AsciiText IP_VERSION = AsciiText.of(",\"ipVersion\":");
  private static final AsciiText SRC = AsciiText.of(",\"src\":\"");
  private static final AsciiText DST = AsciiText.of("\",\"dst\":\"");
  private static final AsciiText SPORT = AsciiText.of(",\"sport\":");
  private static final AsciiText DPORT = AsciiText.of(",\"dport\":");
  private static final AsciiText FLAGS = AsciiText.of(",\"flags\":");
  private static final AsciiText TTL = AsciiText.of(",\"ttl\":");
  private static final AsciiText IP_ID = AsciiText.of(",\"ipId\":");
  private static final AsciiText SEQ = AsciiText.of(",\"seq\":");
  private static final AsciiText ACK = AsciiText.of(",\"ack\":");
  private static final AsciiText WINDOW = AsciiText.of(",\"window\":");
  private static final AsciiText OPTIONS = AsciiText.of(",\"options\":\"");
  private static final AsciiText MSS = AsciiText.of(",\"mss\":");
  private static final AsciiText ICMP_TYPE = AsciiText.of(",\"icmpType\":");
  private static final AsciiText ICMP_CODE = AsciiText.of(",\"icmpCode\":");
  private static final AsciiText LEN = AsciiText.of(",\"len\":");
  private static final AsciiText TOOL = AsciiText.of(",\"tool\":");
  private static final AsciiText SPOOF = AsciiText.of(",\"spoofSuspect\":true");
  private static final AsciiText ANON_KEY = AsciiText.of(",\"anonKey\":");
  private static final AsciiText NULL = AsciiText.of("null");
  /** {@code ","proto":"tcp"}, by {@link Protocol} ordinal (the src or dst quote closed first). */
  private static final AsciiText[] PROTO = new AsciiText[Protocol.values().length];
  private static final AsciiText[] KIND = new AsciiText[TrafficKind.values().length];
  /** The flags as a JSON string, quotes included, by flags byte. */
  private static final AsciiText[] FLAG_TEXT = new AsciiText[256];

  static {
    for (Protocol p : Protocol.values()) {
      PROTO[p.ordinal()] = AsciiText.of("\",\"proto\":\"" + p.label() + "\"");
    }
    for (TrafficKind k : TrafficKind.values()) {
      KIND[k.ordinal()] = AsciiText.of(",\"kind\":\"" + k.label() + "\"");
    }
    for (int f = 0; f < 256; f++) {
      FLAG_TEXT[f] = AsciiText.of("\"" + TcpFlags.text(f) + "\"");
    }
  }

  private final AsciiBuffer scratch = new AsciiBuffer(64);
  private long cachedSecond = Long.MIN_VALUE;
  private AsciiText cachedPrefix = AsciiText.of("");
  private String cachedNode;
  private AsciiText cachedNodeJson;
  private TcpOptions cachedOptions;
  private AsciiText cachedLayout;
  /** JSON string literals of tools and key ids, which are a handful of constants in practice. */
  private final Map<String, AsciiText> literals = new HashMap<>();
  private final String[] recentTexts = new String[16];
  private final AsciiText[] recentLiterals = new AsciiText[16];
  private int recentCount;

  /** Appends the JSON object for {@code o}. */
  void append(AsciiBuffer out, Observation o) {
    out.reserve(FIXED_MAX);
    out.put(TS);
    timestamp(out, o.timestampNanos());
    out.put(NODE);
    AsciiText node = node(o.node());
    out.reserve(node.length() + FIXED_MAX);
    out.put(node);
    out.put(IP_VERSION);
    out.putUint(o.ipVersion());
    out.put(SRC);
    address(out, o.src());
    out.put(DST);
    address(out, o.dst());
    out.put(PROTO[o.protocol().ordinal()]);
    if ((o.srcPort() | o.dstPort() | o.tcpFlags() | o.ttl() | o.ipId() | o.window()) >= 0
        && (o.seq() | o.ack()) >= 0) {
      tcpFields(out, o);
    } else {
      optional(out, SPORT, o.srcPort());
      optional(out, DPORT, o.dstPort());
      out.put(FLAGS);
      out.put(o.tcpFlags() < 0 ? NULL : FLAG_TEXT[o.tcpFlags() & 0xFF]);
      optional(out, TTL, o.ttl());
      optional(out, IP_ID, o.ipId());
      optional(out, SEQ, o.seq());
      optional(out, ACK, o.ack());
      optional(out, WINDOW, o.window());
    }
    if (!o.tcpOptions().isEmpty()) {
      AsciiText layout = layout(o.tcpOptions());
      out.reserve(layout.length() + FIXED_MAX);
      out.put(OPTIONS);
      out.put(layout);
      out.put((byte) '"');
      int mss = o.tcpOptions().mss();
      if (mss >= 0) {
        out.put(MSS);
        out.putUint(mss);
      }
    }
    if (o.icmpType() >= 0) {
      out.put(ICMP_TYPE);
      out.putUint(o.icmpType());
      out.put(ICMP_CODE);
      out.putUint(o.icmpCode());
    }
    out.put(LEN);
    out.putUint(o.payloadLength());
    Fingerprint f = o.fingerprint();
    if (f != null) {
      AsciiText tool = literal(f.tool());
      out.reserve(tool.length() + FIXED_MAX);
      out.put(TOOL);
      out.put(tool);
      out.put(KIND[f.kind().ordinal()]);
      if (f.spoofSuspect()) {
        out.put(SPOOF);
      }
    }
    if (o.anonKeyId() != null) {
      AsciiText key = literal(o.anonKeyId());
      out.reserve(key.length() + FIXED_MAX);
      out.put(ANON_KEY);
      out.put(key);
    }
    if (o.isSession()) {
      session(out, o.session());
    }
    out.ch('}');
  }

  private static void session(AsciiBuffer out, Session s) {
    out.ascii(",\"session\":{\"durationMs\":").number(s.durationNanos() / 1_000_000);
    out.ascii(",\"bytesIn\":").number(s.bytesFromSource());
    out.ascii(",\"bytesOut\":").number(s.bytesToSource());
    out.ascii(",\"app\":");
    if (s.application() == null) {
      out.ascii("null");
    } else {
      out.string(s.application());
    }
    out.ascii(",\"end\":").string(s.end());
    out.ascii(",\"first\":\"").ascii(Base64.getEncoder().encodeToString(s.firstBytes()));
    out.ascii("\"}");
  }

  private static void address(AsciiBuffer out, IpAddress a) {
    if (a.isV4()) {
      out.putIpv4(a.v4());
    } else {
      out.ascii(a.toString());
    }
  }

  /**
   * The fields every TCP packet has, from ports to window, when none is missing: the keys are
   * constants here, written as constant words, and no field needs its null check.
   */
  private static void tcpFields(AsciiBuffer out, Observation o) {
    out.put(SPORT);
    out.putUint(o.srcPort());
    out.put(DPORT);
    out.putUint(o.dstPort());
    out.put(FLAGS);
    out.put(FLAG_TEXT[o.tcpFlags() & 0xFF]);
    out.put(TTL);
    out.putUint(o.ttl());
    out.put(IP_ID);
    out.putUint(o.ipId());
    out.put(SEQ);
    unsigned(out, o.seq());
    out.put(ACK);
    unsigned(out, o.ack());
    out.put(WINDOW);
    out.putUint(o.window());
  }

  /** A value known to be 0 or more; the common (int-sized) one without the general number path. */
  private static void unsigned(AsciiBuffer out, long value) {
    if (value <= Integer.MAX_VALUE) {
      out.putUint((int) value);
    } else {
      out.number(value);
    }
  }

  /** A number that is -1 (or any negative) when the protocol lacks the field. */
  private static void optional(AsciiBuffer out, AsciiText key, long value) {
    out.put(key);
    if (value < 0) {
      out.put(NULL);
    } else {
      unsigned(out, value);
    }
  }

  private AsciiText node(String node) {
    if (!node.equals(cachedNode)) {
      cachedNodeJson = encode(node);
      cachedNode = node;
    }
    return cachedNodeJson;
  }

  private AsciiText literal(String text) {
    // Tools and key ids are constants: found by identity first, which spares hashing them.
    for (int i = 0; i < recentCount; i++) {
      if (recentTexts[i] == text) {
        return recentLiterals[i];
      }
    }
    return remember(text);
  }

  /**
   * A text not among the recent ones. Kept out of {@link #literal}, which the encoder inlines: with
   * the map lookup inlined, the JIT speculated on what it returns, and a new tool turning up in
   * the middle of a replay deoptimized and recompiled the whole encoder (JFR, 2.55 M packets).
   * Called a handful of times per run, this stays out of the encoder's compiled code.
   */
  private AsciiText remember(String text) {
    AsciiText b = literals.get(text);
    if (b == null) {
      b = encode(text);
      if (literals.size() < MAX_CACHED_TEXTS) {
        literals.put(text, b);
      }
    }
    if (recentCount < recentTexts.length) {
      recentTexts[recentCount] = text;
      recentLiterals[recentCount++] = b;
    }
    return b;
  }

  private AsciiText layout(TcpOptions options) {
    if (!options.equals(cachedOptions)) {
      cachedLayout = AsciiText.of(options.layout());
      cachedOptions = options;
    }
    return cachedLayout;
  }

  private AsciiText encode(String text) {
    scratch.clear();
    scratch.string(text);
    return AsciiText.of(scratch.bytes, scratch.length);
  }

  /** ISO-8601 UTC with nanoseconds; the date-time part is formatted once per second. */
  private void timestamp(AsciiBuffer out, long nanos) {
    long second = Math.floorDiv(nanos, 1_000_000_000L);
    if (second != cachedSecond) {
      cachedSecond = second;
      String prefix = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC).toString();
      if (prefix.length() == 16) {
        prefix += ":00"; // LocalDateTime leaves out ":00" seconds
      }
      cachedPrefix = AsciiText.of(prefix);
      out.reserve(cachedPrefix.length() + FIXED_MAX);
    }
    out.put(cachedPrefix);
    out.put((byte) '.');
    out.putPadded((int) Math.floorMod(nanos, 1_000_000_000L), 9);
    out.put((byte) 'Z');
  }

}
