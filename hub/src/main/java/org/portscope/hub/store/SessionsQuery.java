package org.portscope.hub.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.portscope.sensor.api.Fingerprint;
import org.portscope.sensor.api.IpAddress;

/**
 * The newest relayed connections: observation rows with session columns (migration 2). Sessions
 * are few next to packets, and row groups without one are skipped by their null statistics, so one
 * top-N over the filtered range is enough.
 */
final class SessionsQuery {
  private SessionsQuery() {}

  static List<StoredSession> run(ReaderPool readers, ObservationFilter filter, int limit) {
    SqlFilter f = SqlFilter.of(filter).and("session_end IS NOT NULL");
    String sql = "SELECT o.ts_ns, n.institution, n.name, o.ip_version, o.src_hi, o.src_lo, o.dst_hi, "
        + "o.dst_lo, o.src_port, o.dst_port, o.session_app, t.name, o.session_bytes_in, "
        + "o.session_bytes_out, o.session_duration_ns, o.session_end, o.session_first, k.name "
        + "FROM (SELECT * FROM observations WHERE " + f.where() + " ORDER BY ts_ns DESC LIMIT " + limit
        + ") o JOIN nodes n USING (node_id) LEFT JOIN tools t USING (tool_id) "
        + "LEFT JOIN anon_keys k USING (key_id) ORDER BY o.ts_ns DESC";
    return readers.with("sessions", c -> {
      try (PreparedStatement s = c.prepareStatement(sql)) {
        f.bind(s, 1);
        List<StoredSession> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            out.add(read(rs));
          }
        }
        return out;
      }
    });
  }

  private static StoredSession read(ResultSet rs) throws SQLException {
    int version = rs.getInt(4);
    IpAddress src = new IpAddress(version, rs.getLong(5), rs.getLong(6));
    IpAddress dst = new IpAddress(version, rs.getLong(7), rs.getLong(8));
    byte[] first = rs.getBytes(17);
    if (first == null) {
      first = new byte[0];
    }
    String tool = rs.getString(12);
    return new StoredSession(Nanos.toInstant(rs.getLong(1)), rs.getString(2), rs.getString(3),
        src.toString(), (Integer) rs.getObject(9), dst.toString(), (Integer) rs.getObject(10),
        rs.getString(11), tool == null ? Fingerprint.UNKNOWN_TOOL : tool, rs.getLong(13), rs.getLong(14),
        rs.getLong(15) / 1_000_000, rs.getString(16), first.length, FirstBytes.escaped(first),
        FirstBytes.hex(first), rs.getString(18));
  }
}
