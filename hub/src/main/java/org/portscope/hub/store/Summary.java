package org.portscope.hub.store;

import java.util.List;
import java.util.Objects;

/** Totals overall, per institution and per node, for one filter. */
public record Summary(Totals totals, List<Institution> institutions) {
  public Summary {
    Objects.requireNonNull(totals, "totals");
    institutions = List.copyOf(institutions);
  }

  /** One institution's totals and its nodes'. */
  public record Institution(String institution, Totals totals, List<Node> nodes) {
    public Institution {
      Objects.requireNonNull(institution, "institution");
      Objects.requireNonNull(totals, "totals");
      nodes = List.copyOf(nodes);
    }
  }

  /** One node's totals. */
  public record Node(String node, Totals totals) {
    public Node {
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(totals, "totals");
    }
  }
}
