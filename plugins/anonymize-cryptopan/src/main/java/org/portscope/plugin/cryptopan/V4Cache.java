package org.portscope.plugin.cryptopan;

import java.util.Arrays;

/**
 * IPv4 Crypto-PAn with a bounded cache per /24: the flip bits of the first 24 positions (which
 * depend only on the /24), and, filled in as addresses are seen, the last 8 flip bits of each of
 * its 256 hosts. A new /24 costs the 32 AES blocks of one address, a new host in a known /24 the 8
 * of its last octet, and a host seen before a lookup.
 *
 * <p>Laid out for that lookup: 4-way sets of one {@code long} per /24 (tag, flip bits and a
 * recently-used bit, so a set is one cache line) and 256 {@code short}s per /24 for the hosts. A
 * full set evicts a /24 that was not used since the set's last eviction (not-recently-used), so
 * busy /24s stay while the long tail of one-off scanners churns.
 */
final class V4Cache {
  private static final int WAYS = 4;
  private static final long TAG = 0xFFFF_FFFF_0000_0000L;
  private static final long USED = 1;
  private static final short KNOWN = 0x100;

  private final CryptoPan pan;
  private final int setMask;
  private final boolean rememberHosts;
  /** Per slot: (prefix + 1) << 32 | flip bits 0..23 (in place) | {@link #USED}; 0 when empty. */
  private final long[] entries;
  /** Per slot, one per host: {@link #KNOWN} | its last 8 flip bits; 0 when not seen yet. */
  private final short[] hosts;

  /**
   * @param prefixes how many /24s to keep (rounded up to a power of two; 520 bytes each)
   * @param rememberHosts false keeps only the /24 part (for measuring what the prefix alone buys)
   */
  V4Cache(CryptoPan pan, int prefixes, boolean rememberHosts) {
    this.pan = pan;
    int sets = Integer.highestOneBit(Math.max(1, (prefixes + WAYS - 1) / WAYS));
    sets = sets * WAYS < prefixes ? sets << 1 : sets;
    setMask = sets - 1;
    this.rememberHosts = rememberHosts;
    entries = new long[sets * WAYS];
    hosts = new short[rememberHosts ? sets * WAYS * 256 : 0];
  }

  int anonymize(int address) {
    int prefix = address >>> 8;
    long tag = (long) (prefix + 1) << 32;
    int first = (int) ((prefix * 0x9E37_79B9_7F4A_7C15L) >>> 40) & setMask;
    first *= WAYS;
    for (int s = first; s < first + WAYS; s++) {
      long e = entries[s];
      if ((e & TAG) == tag) {
        if ((e & USED) == 0) {
          entries[s] = e | USED;
        }
        return address ^ ((int) e & ~0xFF) ^ host(s, address);
      }
    }
    int flips = pan.v4Flips(address, 0, 32);
    int slot = claim(first);
    entries[slot] = tag | (flips & 0xFFFF_FF00L) | USED;
    if (rememberHosts) {
      Arrays.fill(hosts, slot * 256, slot * 256 + 256, (short) 0);
      hosts[slot * 256 + (address & 0xFF)] = (short) (KNOWN | (flips & 0xFF));
    }
    return address ^ flips;
  }

  /** The last 8 flip bits of a host in the /24 of slot {@code s}. */
  private int host(int s, int address) {
    if (!rememberHosts) {
      return pan.v4Flips(address, 24, 32);
    }
    int h = s * 256 + (address & 0xFF);
    int known = hosts[h];
    if (known != 0) {
      return known & 0xFF;
    }
    int flips = pan.v4Flips(address, 24, 32);
    hosts[h] = (short) (KNOWN | flips);
    return flips;
  }

  /** An empty slot of the set, else one not used since the last claim; clears the used bits. */
  private int claim(int first) {
    int victim = -1;
    for (int s = first; s < first + WAYS && victim < 0; s++) {
      if (entries[s] == 0) {
        victim = s;
      }
    }
    for (int s = first; s < first + WAYS && victim < 0; s++) {
      if ((entries[s] & USED) == 0) {
        victim = s;
      }
    }
    for (int s = first; s < first + WAYS; s++) {
      entries[s] &= ~USED;
    }
    return victim < 0 ? first : victim;
  }
}
