package org.portscope.plugin.honeypot;

import java.time.Duration;
import java.util.Objects;

/**
 * What one node lets attackers use of the overlay and the honeypot.
 *
 * @param maxConnections relayed connections open at once, over all sources
 * @param maxConnectionsPerSource relayed connections open at once from one source address
 * @param maxBytes bytes one connection may move, both directions together
 * @param idleTimeout a connection with no byte either way for this long is closed
 * @param maxDuration no connection lasts longer
 */
record RelayLimits(int maxConnections, int maxConnectionsPerSource, long maxBytes,
    Duration idleTimeout, Duration maxDuration) {
  RelayLimits {
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(maxDuration, "maxDuration");
  }
}
