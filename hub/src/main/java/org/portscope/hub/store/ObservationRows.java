package org.portscope.hub.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.duckdb.DuckDBAppender;
import org.portscope.sensor.api.IpAddress;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.Protocol;
import org.portscope.sensor.api.Session;
import org.portscope.sensor.api.TcpFlags;
import org.portscope.sensor.api.TcpOptions;
import org.portscope.sensor.api.TrafficKind;

/** The mapping between {@link Observation} and a row of the observations table, both ways. */
final class ObservationRows {
  /**
   * The columns {@link #read} expects, from observations {@code o} joined with nodes {@code n},
   * tools {@code t} and anon_keys {@code k}.
   */
  static final String COLUMNS = "o.ts_ns, n.institution, n.name, o.ip_version, o.src_hi, o.src_lo, "
      + "o.dst_hi, o.dst_lo, o.protocol, o.src_port, o.dst_port, o.tcp_flags, o.seq, o.ack, o.\"window\", "
      + "o.ttl, o.ip_id, o.tcp_options, o.icmp_type, o.icmp_code, o.payload_length, t.name, o.kind, "
      + "o.spoof_suspect, k.name";

  private ObservationRows() {}

  /** Appends one row; the appender's column order is the table's (migrations 1 and 2). */
  static void append(DuckDBAppender a, short node, Short tool, Short key, Observation o) throws SQLException {
    a.beginRow();
    a.append(o.timestampNanos());
    a.append(node);
    a.append((byte) o.ipVersion());
    a.append(o.src().hi()).append(o.src().lo()).append(o.dst().hi()).append(o.dst().lo());
    a.append((byte) o.protocol().number());
    optional(a, o.srcPort());
    optional(a, o.dstPort());
    optionalShort(a, o.tcpFlags());
    optional(a, o.seq());
    optional(a, o.ack());
    optional(a, o.window());
    optionalShort(a, o.ttl());
    optional(a, o.ipId());
    a.append(o.tcpOptions().toBytes());
    optionalShort(a, o.icmpType());
    optionalShort(a, o.icmpCode());
    optional(a, o.payloadLength());
    if (o.fingerprint() == null) {
      a.appendNull().appendNull().appendNull();
    } else {
      a.append(tool.shortValue()).append((byte) kindCode(o.fingerprint().kind()))
          .append(o.fingerprint().spoofSuspect());
    }
    if (key == null) {
      a.appendNull();
    } else {
      a.append(key.shortValue());
    }
    appendSession(a, o.session());
    a.endRow();
  }

  private static void appendSession(DuckDBAppender a, Session s) throws SQLException {
    if (s == null) {
      a.appendNull().appendNull().appendNull().appendNull().appendNull().appendNull();
      return;
    }
    a.append(s.durationNanos()).append(s.bytesFromSource()).append(s.bytesToSource());
    if (s.application() == null) {
      a.appendNull();
    } else {
      a.append(s.application());
    }
    a.append(s.end()).append(s.firstBytes());
  }

  /** Reads a row selected with {@link #COLUMNS}. */
  static StoredObservation read(ResultSet rs) throws SQLException {
    int version = rs.getInt(4);
    IpAddress src = new IpAddress(version, rs.getLong(5), rs.getLong(6));
    IpAddress dst = new IpAddress(version, rs.getLong(7), rs.getLong(8));
    Integer flags = integer(rs, 12);
    byte[] options = rs.getBytes(18);
    long ts = rs.getLong(1);
    return new StoredObservation(Nanos.toInstant(ts), ts, rs.getString(2), rs.getString(3),
        src.toString(), dst.toString(), protocolLabel(rs.getInt(9)), integer(rs, 10), integer(rs, 11),
        flags == null ? null : TcpFlags.text(flags), longValue(rs, 13), longValue(rs, 14),
        integer(rs, 15), integer(rs, 16), integer(rs, 17),
        TcpOptions.copyOf(options, 0, options.length).layout(), integer(rs, 19), integer(rs, 20),
        integer(rs, 21), rs.getString(22), kindLabel(integer(rs, 23)), (Boolean) rs.getObject(24),
        rs.getString(25));
  }

  /** The stored code of a kind: fixed numbers, not the enum's order, which may change. */
  static int kindCode(TrafficKind kind) {
    return switch (kind) {
      case PROBE -> 1;
      case BACKSCATTER -> 2;
      case OTHER -> 3;
    };
  }

  /** The kind's label for a stored code; "unknown" for rows without a fingerprint. */
  static String kindLabel(Integer code) {
    if (code == null) {
      return "unknown";
    }
    return switch (code) {
      case 1 -> TrafficKind.PROBE.label();
      case 2 -> TrafficKind.BACKSCATTER.label();
      case 3 -> TrafficKind.OTHER.label();
      default -> "kind-" + code;
    };
  }

  static String protocolLabel(int number) {
    for (Protocol p : Protocol.values()) {
      if (p.number() == number) {
        return p.label();
      }
    }
    return Integer.toString(number);
  }

  private static void optional(DuckDBAppender a, int v) throws SQLException {
    if (v == -1) {
      a.appendNull();
    } else {
      a.append(v);
    }
  }

  private static void optionalShort(DuckDBAppender a, int v) throws SQLException {
    if (v == -1) {
      a.appendNull();
    } else {
      a.append((short) v);
    }
  }

  private static void optional(DuckDBAppender a, long v) throws SQLException {
    if (v == -1) {
      a.appendNull();
    } else {
      a.append(v);
    }
  }

  private static Integer integer(ResultSet rs, int column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v;
  }

  private static Long longValue(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }
}
