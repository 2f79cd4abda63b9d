package org.portscope.plugin.jsonl;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.portscope.sensor.api.Fingerprint;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.TcpFlags;

/**
 * Writes an {@link Observation} as one JSON object (no newline). Hand-written because it runs once
 * per packet: only numbers, fixed keys and strings that never need escaping except the node id and
 * tool name. Fields a protocol lacks are {@code null}. Not thread-safe (caches the current second).
 */
public final class ObservationJson {
  private long cachedSecond = Long.MIN_VALUE;
  private String cachedPrefix = "";

  /** Appends the JSON object for {@code o} to {@code sb}. */
  public void append(StringBuilder sb, Observation o) {
    sb.append("{\"ts\":\"");
    appendTimestamp(sb, o.timestampNanos());
    sb.append("\",\"node\":");
    string(sb, o.node());
    sb.append(",\"ipVersion\":").append(o.ipVersion());
    sb.append(",\"src\":\"").append(o.src()).append("\",\"dst\":\"").append(o.dst()).append('"');
    sb.append(",\"proto\":\"").append(o.protocol().label()).append('"');
    number(sb, ",\"sport\":", o.srcPort());
    number(sb, ",\"dport\":", o.dstPort());
    sb.append(",\"flags\":");
    if (o.tcpFlags() < 0) {
      sb.append("null");
    } else {
      sb.append('"').append(TcpFlags.text(o.tcpFlags())).append('"');
    }
    sb.append(",\"ttl\":").append(o.ttl());
    number(sb, ",\"ipId\":", o.ipId());
    number(sb, ",\"seq\":", o.seq());
    number(sb, ",\"ack\":", o.ack());
    number(sb, ",\"window\":", o.window());
    if (!o.tcpOptions().isEmpty()) {
      sb.append(",\"options\":\"").append(o.tcpOptions().layout()).append('"');
      int mss = o.tcpOptions().mss();
      if (mss >= 0) {
        sb.append(",\"mss\":").append(mss);
      }
    }
    if (o.icmpType() >= 0) {
      sb.append(",\"icmpType\":").append(o.icmpType()).append(",\"icmpCode\":").append(o.icmpCode());
    }
    sb.append(",\"len\":").append(o.payloadLength());
    Fingerprint f = o.fingerprint();
    if (f != null) {
      sb.append(",\"tool\":");
      string(sb, f.tool());
      sb.append(",\"kind\":\"").append(f.kind().label()).append('"');
      if (f.spoofSuspect()) {
        sb.append(",\"spoofSuspect\":true");
      }
    }
    if (o.anonKeyId() != null) {
      sb.append(",\"anonKey\":");
      string(sb, o.anonKeyId());
    }
    sb.append('}');
  }

  private static void number(StringBuilder sb, String key, long value) {
    sb.append(key);
    if (value < 0) {
      sb.append("null");
    } else {
      sb.append(value);
    }
  }

  /** ISO-8601 UTC with nanoseconds; the date-time part is formatted once per second. */
  private void appendTimestamp(StringBuilder sb, long nanos) {
    long second = Math.floorDiv(nanos, 1_000_000_000L);
    int fraction = (int) Math.floorMod(nanos, 1_000_000_000L);
    if (second != cachedSecond) {
      cachedSecond = second;
      cachedPrefix = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC).toString();
      if (cachedPrefix.length() == 16) {
        cachedPrefix += ":00"; // LocalDateTime drops ":00" seconds
      }
    }
    sb.append(cachedPrefix).append('.');
    for (int div = 100_000_000; div > 0; div /= 10) {
      sb.append((char) ('0' + fraction / div % 10));
    }
    sb.append('Z');
  }

  static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
