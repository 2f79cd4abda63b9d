package org.portscope.sensor.core.fingerprint;

import org.portscope.sensor.api.IpAddress;

/**
 * Hop-count filtering (Jin, Wang and Shin, "Hop-Count Filtering: An Effective Defense Against
 * Spoofed DDoS Traffic", CCS 2003): a forger can choose the source address but not the number of
 * routers between the real sender and us, so a source whose hop count changes is suspect.
 *
 * <p>The sender's initial TTL is taken as the smallest of 32, 64, 128 and 255 not below the
 * observed TTL (the defaults of common stacks); the hop count is the difference. The first hop
 * count seen for a source is remembered; a later packet that differs by more than the tolerance is
 * flagged. Route changes move a hop count by a hop or two, hence a tolerance rather than equality.
 *
 * <p>Tools that pick a random TTL per packet (nmap sends 37-59) would trip this check without any
 * forgery. Once a source has sent a packet attributed to such a tool it is exempt for as long as it
 * is tracked: a sender that runs nmap has shown its TTL tells nothing.
 */
final class HopCountFilter {
  static final int DEFAULT_TOLERANCE = 2;

  private static final long EXEMPT = 1L << 32;

  private final SourceTable sources;
  private final int field;
  private final int tolerance;

  /**
   * @param sources the table to keep state in
   * @param field which of the table's per-source fields is this filter's: first hop count in the
   *     low bits, the exemption flag above
   */
  HopCountFilter(SourceTable sources, int field, int tolerance) {
    if (tolerance < 0) {
      throw new IllegalArgumentException("hop-count tolerance must be >= 0, got " + tolerance);
    }
    this.sources = sources;
    this.field = field;
    this.tolerance = tolerance;
  }

  /**
   * Records the packet and tells whether its hop count contradicts the source's first one.
   *
   * @param ttlRandomized whether the packet was attributed to a tool that randomizes its TTL
   */
  boolean isSuspect(IpAddress src, int ttl, boolean ttlRandomized) {
    if (ttl < 0 || ttl > 255) {
      return false;
    }
    int hops = hopCount(ttl);
    int slot = sources.slot(src);
    if (!sources.has(slot, field)) {
      sources.set(slot, field, hops | (ttlRandomized ? EXEMPT : 0));
      return false;
    }
    long state = sources.get(slot, field);
    if (ttlRandomized && (state & EXEMPT) == 0) {
      sources.set(slot, field, state | EXEMPT);
      return false;
    }
    return (state & EXEMPT) == 0 && Math.abs(hops - (int) state) > tolerance;
  }

  int trackedSources() {
    return sources.size();
  }

  static int initialTtl(int ttl) {
    return ttl <= 32 ? 32 : ttl <= 64 ? 64 : ttl <= 128 ? 128 : 255;
  }

  static int hopCount(int ttl) {
    return initialTtl(ttl) - ttl;
  }
}
