package org.portscope.plugin.cryptopan;

/**
 * Where a key (up to 128 bits) lives in a fixed-size table: 4-way set-associative, evicting the
 * least recently used entry of a full set. Callers keep their values in parallel arrays indexed
 * by slot, so a lookup allocates nothing and memory is bounded by the capacity.
 */
final class SlotIndex {
  static final int WAYS = 4;

  private final int setMask;
  private final long[] keyHi;
  private final long[] keyLo;
  /** Last use of each slot (0: empty). */
  private final long[] used;
  private long tick;

  /** @param capacity entries wanted; rounded up to a power of two, at least {@link #WAYS} */
  SlotIndex(int capacity) {
    int sets = Integer.highestOneBit(Math.max(1, (capacity + WAYS - 1) / WAYS));
    if (sets * WAYS < capacity) {
      sets <<= 1;
    }
    setMask = sets - 1;
    keyHi = new long[sets * WAYS];
    keyLo = new long[sets * WAYS];
    used = new long[sets * WAYS];
  }

  int capacity() {
    return used.length;
  }

  /** The slot holding the key, or -1. */
  int find(long hi, long lo) {
    int first = set(hi, lo);
    for (int s = first; s < first + WAYS; s++) {
      if (used[s] != 0 && keyHi[s] == hi && keyLo[s] == lo) {
        used[s] = ++tick;
        return s;
      }
    }
    return -1;
  }

  /** Takes a slot for a key that {@link #find} did not find: an empty one, else the set's oldest. */
  int claim(long hi, long lo) {
    int first = set(hi, lo);
    int victim = first;
    for (int s = first; s < first + WAYS; s++) {
      if (used[s] < used[victim]) {
        victim = s;
      }
    }
    keyHi[victim] = hi;
    keyLo[victim] = lo;
    used[victim] = ++tick;
    return victim;
  }

  private int set(long hi, long lo) {
    // Spread all key bits over the index: addresses of one prefix differ only in their low bits.
    long h = hi * 0x9E37_79B9_7F4A_7C15L + lo;
    h = (h ^ (h >>> 31)) * 0xBF58_476D_1CE4_E5B9L;
    return ((int) (h >>> 32) & setMask) * WAYS;
  }
}
