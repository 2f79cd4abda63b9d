package org.portscope.hub.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.portscope.sensor.api.IpAddress;
import org.portscope.sensor.api.TrafficKind;

/**
 * The blocklist query: sources by score. Aggregates on the observations table alone (numbers), then
 * names the keys of the few rows that pass, so the join never touches the scan.
 */
final class ScoredSourcesQuery {
  /** Addresses under these key ids were truncated or dropped, not mapped one-to-one. */
  static final String POLICY_PREFIX = "policy:";

  private ScoredSourcesQuery() {}

  static List<ScoredSource> run(ReaderPool readers, ObservationFilter filter, String keyId,
      SourceScore score, long minScore, int limit) {
    SqlFilter f = SqlFilter.of(filter);
    String sql = "WITH s AS (SELECT key_id, ip_version, src_hi, src_lo, count(*) AS probes, "
        + "count(DISTINCT dst_port) AS ports, count(DISTINCT node_id) AS nodes FROM observations "
        + "WHERE " + f.where() + " AND kind IS DISTINCT FROM ? AND spoof_suspect IS NOT TRUE "
        + "GROUP BY ALL), "
        + "scored AS (SELECT *, probes * ? + ports * ? + nodes * ? AS score FROM s) "
        + "SELECT k.name, ip_version, src_hi, src_lo, probes, ports, nodes, score FROM scored "
        + "LEFT JOIN anon_keys k USING (key_id) WHERE score >= ? "
        + "AND (k.name IS NULL OR NOT starts_with(k.name, ?)) " + (keyId == null ? "" : "AND k.name = ? ")
        + "ORDER BY score DESC, ip_version, src_hi, src_lo LIMIT ?";
    return readers.with("scored sources", c -> {
      try (PreparedStatement s = c.prepareStatement(sql)) {
        int i = f.bind(s, 1);
        s.setInt(i++, ObservationRows.kindCode(TrafficKind.BACKSCATTER));
        s.setLong(i++, score.perProbe());
        s.setLong(i++, score.perPort());
        s.setLong(i++, score.perNode());
        s.setLong(i++, minScore);
        s.setString(i++, POLICY_PREFIX);
        if (keyId != null) {
          s.setString(i++, keyId);
        }
        s.setInt(i, limit);
        List<ScoredSource> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            IpAddress a = rs.getInt(2) == 4 ? IpAddress.ofV4((int) rs.getLong(4))
                : IpAddress.ofV6(rs.getLong(3), rs.getLong(4));
            out.add(new ScoredSource(a, rs.getString(1), rs.getLong(5), rs.getLong(6), rs.getLong(7),
                rs.getLong(8)));
          }
        }
        return out;
      }
    });
  }
}
