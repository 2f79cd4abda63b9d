package org.portscope.sensor.core.pipeline;

import java.util.BitSet;
import org.portscope.sensor.api.PortRanges;

/** An immutable set of port numbers 0-65535, looked up with one array read per packet. */
public final class PortSet {
  public static final PortSet EMPTY = new PortSet(new long[1024]);

  private final long[] bits;

  private PortSet(long[] bits) {
    this.bits = bits;
  }

  public static PortSet of(BitSet ports) {
    long[] words = new long[1024];
    long[] src = ports.toLongArray();
    System.arraycopy(src, 0, words, 0, Math.min(src.length, words.length));
    return new PortSet(words);
  }

  /** The ports of {@code ranges} (a listener's, which parses its own config). */
  public static PortSet of(PortRanges ranges) {
    BitSet set = new BitSet(65_536);
    for (PortRanges.Range r : ranges.ranges()) {
      set.set(r.first(), r.last() + 1);
    }
    return of(set);
  }

  public boolean contains(int port) {
    return port >= 0 && port < 65_536 && (bits[port >>> 6] & (1L << port)) != 0;
  }

  /** A new set with {@code port} added. */
  public PortSet with(int port) {
    long[] copy = bits.clone();
    copy[port >>> 6] |= 1L << port;
    return new PortSet(copy);
  }

  public int size() {
    int n = 0;
    for (long w : bits) {
      n += Long.bitCount(w);
    }
    return n;
  }

  /**
   * The ports in ascending order, comma-separated, the first 20 of a longer set followed by
   * "… (N in all)"; "none" when empty. For the log.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    int shown = 0;
    for (int port = 0; port < 65_536; port++) {
      if (contains(port)) {
        if (shown == 20) {
          return sb.append(", … (").append(size()).append(" in all)").toString();
        }
        sb.append(shown++ == 0 ? "" : ", ").append(port);
      }
    }
    return shown == 0 ? "none" : sb.toString();
  }
}
