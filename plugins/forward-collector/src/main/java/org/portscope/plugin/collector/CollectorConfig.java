package org.portscope.plugin.collector;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.portscope.sensor.api.StageConfig;
import org.portscope.sensor.api.wire.WireLimits;

/**
 * The forwarder's settings, read and checked from its config section.
 *
 * @param hubHost the hub's overlay address (an IP literal or a name)
 * @param hubPort the collector's port
 * @param batchSize observations after which a batch is sealed
 * @param batchBytes encoded (uncompressed) bytes after which a batch is sealed
 * @param batchAge how long the oldest observation of a batch may wait before the batch is sealed
 * @param spoolBytes the spool's bound; past it the oldest batch is dropped (and counted)
 * @param connectTimeout how long one connection attempt may take
 * @param backoffMax the longest wait between two connection attempts
 * @param ackTimeout how long batches may wait on the wire for their ACK before the connection is
 *     taken for dead and made again
 */
record CollectorConfig(String hubHost, int hubPort, int batchSize, long batchBytes, Duration batchAge,
    long spoolBytes, Duration connectTimeout, Duration backoffMax, Duration ackTimeout) {

  static final Set<String> KEYS = Set.of("plugin", "hub", "batch-size", "batch-bytes", "batch-age",
      "spool-bytes", "connect-timeout", "backoff-max", "ack-timeout", "raw");

  /** HOST:PORT with HOST a name, an IPv4 literal or a bracketed IPv6 literal. */
  private static final Pattern HUB = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9._-]+):(\\d{1,5})");

  CollectorConfig {
    Objects.requireNonNull(hubHost, "hubHost");
    Objects.requireNonNull(batchAge, "batchAge");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(backoffMax, "backoffMax");
    Objects.requireNonNull(ackTimeout, "ackTimeout");
  }

  static CollectorConfig read(StageConfig c) {
    c.allowOnly(KEYS);
    String hub = c.string("hub").trim();
    Matcher m = HUB.matcher(hub);
    if (!m.matches()) {
      throw c.bad("hub", hub, "HOST:PORT, the hub's overlay address, e.g. 10.77.0.1:7070 or [fd00::1]:7070");
    }
    int port = Integer.parseInt(m.group(2));
    if (port < 1 || port > 65535) {
      throw c.bad("hub", hub, "a port between 1 and 65535");
    }
    String host = m.group(1).startsWith("[") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
    // Each batch costs two fsyncs; 16384 typical records (~1 MiB encoded, ~180 KiB compressed) keep
    // that cost small per observation, and at low rates batch-age seals batches long before.
    int size = c.integer("batch-size", 16384, 1, WireLimits.MAX_OBSERVATIONS);
    // Half the frame limit: even incompressible records plus deflate's overhead fit one frame.
    long bytes = c.bytes("batch-bytes", 1L << 20, 1024, WireLimits.MAX_FRAME_BYTES / 2);
    Duration age = positive(c, "batch-age", Duration.ofSeconds(1), Duration.ofMinutes(10));
    long spool = c.bytes("spool-bytes", 256L << 20, 64L << 10, 1L << 40);
    if (spool < bytes) {
      throw c.bad("spool-bytes", c.string("spool-bytes"), "at least batch-bytes (" + bytes + " bytes)");
    }
    Duration connect = positive(c, "connect-timeout", Duration.ofSeconds(5), Duration.ofMinutes(5));
    Duration backoff = positive(c, "backoff-max", Duration.ofSeconds(30), Duration.ofHours(1));
    Duration ack = positive(c, "ack-timeout", Duration.ofSeconds(60), Duration.ofHours(1));
    return new CollectorConfig(host, port, size, bytes, age, spool, connect, backoff, ack);
  }

  /** A duration of at least one millisecond and at most {@code max}. */
  private static Duration positive(StageConfig c, String key, Duration fallback, Duration max) {
    Duration d = c.duration(key, fallback);
    if (d.isZero() || d.compareTo(max) > 0) {
      throw c.bad(key, c.string(key), "a duration between 1ms and " + max.toString().substring(2).toLowerCase());
    }
    return d;
  }
}
