package org.portscope.sensor.core.pipeline;

import java.util.BitSet;

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

  /**
   * The ports of {@code "10000-20000"} or {@code "8080"} items (a listener section's {@code ports}).
   *
   * @throws IllegalArgumentException naming the item that is neither
   */
  public static PortSet ofRanges(java.util.List<String> items) {
    BitSet set = new BitSet(65_536);
    for (String item : items) {
      String[] parts = item.trim().split("-", -1);
      try {
        int first = Integer.parseInt(parts[0].trim());
        int last = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : first;
        if (parts.length > 2 || first < 1 || last > 65_535 || first > last) {
          throw new NumberFormatException();
        }
        set.set(first, last + 1);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + item + "' is not a port or a range FIRST-LAST within 1-65535");
      }
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
}
