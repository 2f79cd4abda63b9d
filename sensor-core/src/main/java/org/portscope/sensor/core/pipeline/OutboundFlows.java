package org.portscope.sensor.core.pipeline;

/**
 * Remembers flows the node itself started (outbound TCP SYN, UDP, ICMP echo), so that the answers
 * to them are not recorded as unsolicited traffic. Fixed memory: a direct-mapped table of flow
 * hashes where a collision simply forgets the older flow (at worst one answer is recorded).
 * Single-threaded, like the pipeline.
 *
 * <p>{@link TrafficFilter} keeps listener mode's connections in tables of this kind too, keyed the
 * same way by the node's port and the peer's address and port.
 */
final class OutboundFlows {
  private static final long TTL_NANOS = 120_000_000_000L;

  /** Key and time of a slot side by side: one cache line per lookup, not two. */
  private final long[] slots;
  private final int mask;
  private long lastStarted = -2 * TTL_NANOS;

  OutboundFlows(int slotsPowerOfTwo) {
    if (Integer.bitCount(slotsPowerOfTwo) != 1) {
      throw new IllegalArgumentException("slots must be a power of two, got " + slotsPowerOfTwo);
    }
    slots = new long[2 * slotsPowerOfTwo];
    mask = slotsPowerOfTwo - 1;
  }

  /** Records a flow the node started: local port, remote address bits, remote port. */
  void started(int proto, int localPort, long remoteHi, long remoteLo, int remotePort, long nowNanos) {
    started(key(proto, localPort, remoteHi, remoteLo, remotePort), nowNanos);
  }

  /** {@link #started} of a flow's {@link #key}. */
  void started(long k, long nowNanos) {
    int at = 2 * ((int) k & mask);
    slots[at] = k;
    slots[at + 1] = nowNanos;
    lastStarted = nowNanos;
  }

  /** Whether an inbound packet answers a recent flow the node started. */
  boolean isAnswer(int proto, int localPort, long remoteHi, long remoteLo, int remotePort, long nowNanos) {
    // The node started nothing lately: skip hashing and the table (the common telescope case).
    return nowNanos - lastStarted < TTL_NANOS
        && liveSlot(key(proto, localPort, remoteHi, remoteLo, remotePort), nowNanos) >= 0;
  }

  /** {@link #isAnswer} of a flow's {@link #key}. */
  boolean isAnswer(long k, long nowNanos) {
    return liveSlot(k, nowNanos) >= 0;
  }

  /**
   * Like {@link #isAnswer}, and on a hit the flow's two minutes start again: a connection that is
   * still in use is remembered for as long as it is.
   */
  boolean touch(long k, long nowNanos) {
    int at = liveSlot(k, nowNanos);
    if (at < 0) {
      return false;
    }
    slots[at + 1] = nowNanos;
    lastStarted = nowNanos;
    return true;
  }

  /** The slot holding flow {@code k} while it is live, or -1. */
  private int liveSlot(long k, long nowNanos) {
    if (nowNanos - lastStarted >= TTL_NANOS) {
      return -1;
    }
    int at = 2 * ((int) k & mask);
    return slots[at] == k && nowNanos - slots[at + 1] < TTL_NANOS ? at : -1;
  }

  /** A flow's key: protocol, the node's port, the peer's address bits and port; never 0. */
  static long key(int proto, int localPort, long hi, long lo, int remotePort) {
    long h = hi * 0x9E3779B97F4A7C15L ^ lo;
    h = (h ^ (h >>> 29)) * 0xBF58476D1CE4E5B9L;
    h ^= ((long) proto << 48) ^ ((long) localPort << 16) ^ remotePort;
    h = (h ^ (h >>> 32)) * 0x94D049BB133111EBL;
    return (h ^ (h >>> 31)) | 1; // never 0, the empty slot
  }
}
