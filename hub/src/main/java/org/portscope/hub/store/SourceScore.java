package org.portscope.hub.store;

/**
 * How a source's activity becomes one score: {@code probes × perProbe + distinct destination
 * ports × perPort + distinct nodes × perNode}. Sources that reach many ports and many nodes are
 * scanners; a source that sent a few packets to one port of one node may be a misconfiguration.
 */
public record SourceScore(long perProbe, long perPort, long perNode) {
  public SourceScore {
    if (perProbe < 0 || perPort < 0 || perNode < 0) {
      throw new IllegalArgumentException("score weights must not be negative, got probe " + perProbe
          + ", port " + perPort + ", node " + perNode);
    }
  }

  @Override
  public String toString() {
    return "probes x " + perProbe + " + ports x " + perPort + " + nodes x " + perNode;
  }
}
