package org.portscope.hub.enroll;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Attempts per source address, as a token bucket: {@code burst} at once, then
 * {@code perMinute} a minute. Remembers at most 10,000 sources (the oldest are forgotten).
 */
final class RateLimit {
  private static final int SOURCES = 10_000;

  private final int burst;
  private final double perNano;
  private final Map<InetAddress, double[]> buckets = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<InetAddress, double[]> eldest) {
      return size() > SOURCES;
    }
  };

  RateLimit(int burst, int perMinute) {
    this.burst = burst;
    this.perNano = perMinute / 60e9;
  }

  /** Whether {@code source} may make an attempt at {@code nanos} (System.nanoTime()). */
  synchronized boolean allow(InetAddress source, long nanos) {
    double[] bucket = buckets.computeIfAbsent(source, s -> new double[] {burst, nanos});
    bucket[0] = Math.min(burst, bucket[0] + (nanos - (long) bucket[1]) * perNano);
    bucket[1] = nanos;
    if (bucket[0] < 1) {
      return false;
    }
    bucket[0] -= 1;
    return true;
  }
}
