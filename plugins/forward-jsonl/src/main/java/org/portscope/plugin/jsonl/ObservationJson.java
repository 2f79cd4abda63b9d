package org.portscope.plugin.jsonl;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import org.portscope.sensor.api.Fingerprint;
import org.portscope.sensor.api.IpAddress;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.Session;
import org.portscope.sensor.api.TcpFlags;

/**
 * Writes an {@link Observation} as one JSON object (no newline) straight into bytes. Hand-written
 * because it runs once per packet. Fields a protocol lacks are {@code null}. Not thread-safe (it
 * caches the current second's date-time text).
 */
public final class ObservationJson {
  private long cachedSecond = Long.MIN_VALUE;
  private String cachedPrefix = "";

  /** Appends the JSON object for {@code o}. */
  void append(AsciiBuffer out, Observation o) {
    out.ascii("{\"ts\":\"");
    timestamp(out, o.timestampNanos());
    out.ascii("\",\"node\":").string(o.node());
    out.ascii(",\"ipVersion\":").number(o.ipVersion());
    address(out.ascii(",\"src\":\""), o.src());
    address(out.ascii("\",\"dst\":\""), o.dst());
    out.ascii("\",\"proto\":\"").ascii(o.protocol().label()).ch('"');
    optional(out, ",\"sport\":", o.srcPort());
    optional(out, ",\"dport\":", o.dstPort());
    out.ascii(",\"flags\":");
    if (o.tcpFlags() < 0) {
      out.ascii("null");
    } else {
      out.ch('"').ascii(TcpFlags.text(o.tcpFlags())).ch('"');
    }
    optional(out, ",\"ttl\":", o.ttl());
    optional(out, ",\"ipId\":", o.ipId());
    optional(out, ",\"seq\":", o.seq());
    optional(out, ",\"ack\":", o.ack());
    optional(out, ",\"window\":", o.window());
    if (!o.tcpOptions().isEmpty()) {
      out.ascii(",\"options\":\"").ascii(o.tcpOptions().layout()).ch('"');
      int mss = o.tcpOptions().mss();
      if (mss >= 0) {
        out.ascii(",\"mss\":").number(mss);
      }
    }
    if (o.icmpType() >= 0) {
      out.ascii(",\"icmpType\":").number(o.icmpType()).ascii(",\"icmpCode\":").number(o.icmpCode());
    }
    out.ascii(",\"len\":").number(o.payloadLength());
    Fingerprint f = o.fingerprint();
    if (f != null) {
      out.ascii(",\"tool\":").string(f.tool());
      out.ascii(",\"kind\":\"").ascii(f.kind().label()).ch('"');
      if (f.spoofSuspect()) {
        out.ascii(",\"spoofSuspect\":true");
      }
    }
    if (o.anonKeyId() != null) {
      out.ascii(",\"anonKey\":").string(o.anonKeyId());
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
      out.ipv4(a.v4());
    } else {
      out.ascii(a.toString());
    }
  }

  private static void optional(AsciiBuffer out, String key, long value) {
    out.ascii(key);
    if (value < 0) {
      out.ascii("null");
    } else {
      out.number(value);
    }
  }

  /** ISO-8601 UTC with nanoseconds; the date-time part is formatted once per second. */
  private void timestamp(AsciiBuffer out, long nanos) {
    long second = Math.floorDiv(nanos, 1_000_000_000L);
    if (second != cachedSecond) {
      cachedSecond = second;
      cachedPrefix = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC).toString();
      if (cachedPrefix.length() == 16) {
        cachedPrefix += ":00"; // LocalDateTime leaves out ":00" seconds
      }
    }
    out.ascii(cachedPrefix).ch('.').padded((int) Math.floorMod(nanos, 1_000_000_000L), 9).ch('Z');
  }
}
