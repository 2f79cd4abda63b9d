package org.portscope.hub.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.portscope.sensor.api.Fingerprint;

/**
 * An {@link ObservationFilter} as a WHERE clause over the observations table alone (names are
 * looked up in their dictionaries by subquery), with bound parameters, never spliced text.
 */
record SqlFilter(String where, List<Object> params) {
  SqlFilter {
    params = List.copyOf(params);
  }

  static SqlFilter of(ObservationFilter f) {
    StringBuilder w = new StringBuilder("TRUE");
    List<Object> p = new ArrayList<>();
    if (f.from() != null) {
      w.append(" AND ts_ns >= ?");
      p.add(Nanos.of(f.from()));
    }
    if (f.to() != null) {
      w.append(" AND ts_ns < ?");
      p.add(Nanos.of(f.to()));
    }
    if (f.institution() != null) {
      w.append(" AND node_id IN (SELECT node_id FROM nodes WHERE institution = ?)");
      p.add(f.institution());
    }
    if (f.node() != null) {
      w.append(" AND node_id IN (SELECT node_id FROM nodes WHERE name = ?)");
      p.add(f.node());
    }
    if (f.port() != null) {
      w.append(" AND dst_port = ?");
      p.add(f.port());
    }
    if (f.tool() != null) {
      String byName = "tool_id IN (SELECT tool_id FROM tools WHERE name = ?)";
      // Observations without a fingerprint count as the unknown tool.
      w.append(Fingerprint.UNKNOWN_TOOL.equals(f.tool()) ? " AND (tool_id IS NULL OR " + byName + ")" : " AND " + byName);
      p.add(f.tool());
    }
    if (f.kind() != null) {
      w.append(" AND kind = ?");
      p.add(ObservationRows.kindCode(f.kind()));
    }
    return new SqlFilter(w.toString(), p);
  }

  /** This filter and a fixed condition (no parameters). */
  SqlFilter and(String condition) {
    return new SqlFilter(where + " AND " + condition, params);
  }

  /** This filter and a condition with its parameters, bound after this filter's. */
  SqlFilter and(String condition, List<Object> conditionParams) {
    List<Object> all = new ArrayList<>(params);
    all.addAll(conditionParams);
    return new SqlFilter(where + " AND (" + condition + ")", all);
  }

  /** Binds the filter's parameters starting at {@code first}; returns the next free index. */
  int bind(PreparedStatement s, int first) throws SQLException {
    int i = first;
    for (Object o : params) {
      s.setObject(i++, o);
    }
    return i;
  }
}
