package org.portscope.hub.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.duckdb.DuckDBAppender;
import org.portscope.hub.peer.Peer;
import org.portscope.sensor.api.IpAddress;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.TcpFlags;
import org.portscope.sensor.api.TcpOptions;

/** The mapping between {@link Observation} and a row of the observations table, both ways. */
final class ObservationRows {
  /** The columns in table order, as {@link #read} expects them. */
  static final String COLUMNS = "ts_ns, institution, node, ip_version, src_hi, src_lo, dst_hi, dst_lo, "
      + "protocol, src_port, dst_port, tcp_flags, seq, ack, \"window\", ttl, ip_id, tcp_options, "
      + "icmp_type, icmp_code, payload_length, tool, kind, spoof_suspect, anon_key_id, reported_node";

  private ObservationRows() {}

  /** Appends one row; the appender's column order is the table's (migration 1). */
  static void append(DuckDBAppender a, Peer peer, Observation o) throws SQLException {
    a.beginRow();
    a.append(o.timestampNanos());
    a.append(peer.institution());
    a.append(peer.name());
    a.append((byte) o.ipVersion());
    a.append(o.src().hi()).append(o.src().lo()).append(o.dst().hi()).append(o.dst().lo());
    a.append(o.protocol().label());
    optional(a, o.srcPort());
    optional(a, o.dstPort());
    optional(a, o.tcpFlags());
    optional(a, o.seq());
    optional(a, o.ack());
    optional(a, o.window());
    optional(a, o.ttl());
    optional(a, o.ipId());
    a.append(o.tcpOptions().toBytes());
    optional(a, o.icmpType());
    optional(a, o.icmpCode());
    optional(a, o.payloadLength());
    if (o.fingerprint() == null) {
      a.appendNull().appendNull().appendNull();
    } else {
      a.append(o.fingerprint().tool()).append(o.fingerprint().kind().label())
          .append(o.fingerprint().spoofSuspect());
    }
    if (o.anonKeyId() == null) {
      a.appendNull();
    } else {
      a.append(o.anonKeyId());
    }
    a.append(o.node());
    a.endRow();
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
        src.toString(), dst.toString(), rs.getString(9), integer(rs, 10), integer(rs, 11),
        flags == null ? null : TcpFlags.text(flags), longValue(rs, 13), longValue(rs, 14),
        integer(rs, 15), integer(rs, 16), integer(rs, 17),
        TcpOptions.copyOf(options, 0, options.length).layout(), integer(rs, 19), integer(rs, 20),
        integer(rs, 21), rs.getString(22), rs.getString(23), (Boolean) rs.getObject(24),
        rs.getString(25));
  }

  private static void optional(DuckDBAppender a, int v) throws SQLException {
    if (v == -1) {
      a.appendNull();
    } else {
      a.append(v);
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
