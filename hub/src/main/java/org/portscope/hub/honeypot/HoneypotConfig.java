package org.portscope.hub.honeypot;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The hub's own honeypot: where it listens, where it records, and its limits.
 *
 * @param listen the hub's overlay address and the port nodes relay to (default port {@link #DEFAULT_PORT})
 * @param log the JSON-lines file that gets one line per connection
 * @param idleTimeout a connection that sends nothing for this long is closed
 * @param maxDuration no connection is kept longer
 * @param maxConnections open connections at once; beyond, a new one is closed at once and counted
 * @param keepBytes how many of the first bytes of each connection are recorded
 * @param maxBytes a connection that sends more is closed
 */
public record HoneypotConfig(InetSocketAddress listen, Path log, Duration idleTimeout, Duration maxDuration,
    int maxConnections, int keepBytes, long maxBytes) {
  /** The port the hub's honeypot listens on unless the config says otherwise. */
  public static final int DEFAULT_PORT = 2222;

  public HoneypotConfig {
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(log, "log");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(maxDuration, "maxDuration");
    if (idleTimeout.isNegative() || idleTimeout.isZero() || maxDuration.isNegative() || maxDuration.isZero()) {
      throw new IllegalArgumentException("honeypot timeouts must be positive, got idle " + idleTimeout
          + " and duration " + maxDuration);
    }
    if (maxConnections < 1 || keepBytes < 0 || maxBytes < 1) {
      throw new IllegalArgumentException("honeypot limits: max-connections " + maxConnections + ", keep-bytes "
          + keepBytes + ", max-bytes " + maxBytes + ": expected at least 1, 0 and 1");
    }
  }

  /** Listening on {@code listen} with the default limits. */
  public static HoneypotConfig withDefaults(InetSocketAddress listen, Path log) {
    return new HoneypotConfig(listen, log, Duration.ofSeconds(30), Duration.ofMinutes(2), 256, 4096, 1 << 20);
  }
}
