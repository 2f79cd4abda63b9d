package org.portscope.hub.store;

import java.util.Objects;

/**
 * How much one destination port was targeted.
 *
 * @param sources distinct source addresses (approximate above a few thousand: HyperLogLog)
 * @param nodes distinct nodes that saw it
 */
public record PortCount(String protocol, int port, long observations, long sources, long nodes) {
  public PortCount {
    Objects.requireNonNull(protocol, "protocol");
  }
}
