package org.portscope.plugin.honeypot;

import java.util.HashMap;
import java.util.Map;
import org.portscope.sensor.api.IpAddress;

/**
 * Counts open relayed connections per source and in total, and refuses beyond the limits.
 * Thread-safe (the listener's I/O threads call it).
 */
final class Admission {
  static final String CONNECTIONS = "connections";
  static final String CONNECTIONS_PER_SOURCE = "connections-per-source";

  private final int max;
  private final int maxPerSource;
  private final Map<IpAddress, Integer> perSource = new HashMap<>();
  private int total;

  Admission(int max, int maxPerSource) {
    this.max = max;
    this.maxPerSource = maxPerSource;
  }

  /** Takes a slot for {@code source}: null when admitted, else the name of the limit hit. */
  synchronized String admit(IpAddress source) {
    if (total >= max) {
      return CONNECTIONS;
    }
    int n = perSource.getOrDefault(source, 0);
    if (n >= maxPerSource) {
      return CONNECTIONS_PER_SOURCE;
    }
    perSource.put(source, n + 1);
    total++;
    return null;
  }

  /** Gives back a slot {@link #admit} gave. */
  synchronized void release(IpAddress source) {
    Integer n = perSource.get(source);
    if (n == null) {
      throw new IllegalStateException("no open connection from this source to release");
    }
    if (n == 1) {
      perSource.remove(source);
    } else {
      perSource.put(source, n - 1);
    }
    total--;
  }

  synchronized int open() {
    return total;
  }
}
