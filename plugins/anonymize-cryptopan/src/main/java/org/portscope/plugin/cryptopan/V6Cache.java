package org.portscope.plugin.cryptopan;

import org.portscope.sensor.api.IpAddress;

/**
 * IPv6 Crypto-PAn with two bounded caches: the flip bits of the first 48 positions per /48 (so a
 * new address in a known /48 costs the 80 AES blocks of its last 80 bits, not 128), and the whole
 * result per address (so a repeated address, such as the node's own, costs a lookup).
 */
final class V6Cache {
  private static final long PREFIX_48 = -1L << 16;

  private final CryptoPan pan;
  private final SlotIndex prefixIndex;
  private final long[] prefixFlips;
  private final SlotIndex addressIndex;
  private final long[] flipHi;
  private final long[] flipLo;

  /** @param prefixes how many /48s, and as many addresses, to keep (about 60 bytes per pair) */
  V6Cache(CryptoPan pan, int prefixes) {
    this.pan = pan;
    prefixIndex = new SlotIndex(prefixes);
    prefixFlips = new long[prefixIndex.capacity()];
    addressIndex = new SlotIndex(prefixes);
    flipHi = new long[addressIndex.capacity()];
    flipLo = new long[addressIndex.capacity()];
  }

  IpAddress anonymize(long hi, long lo) {
    int slot = addressIndex.find(hi, lo);
    if (slot >= 0) {
      return IpAddress.ofV6(hi ^ flipHi[slot], lo ^ flipLo[slot]);
    }
    long prefix = hi & PREFIX_48;
    int p = prefixIndex.find(prefix, 0);
    long fh;
    if (p >= 0) {
      pan.v6Flips(hi, lo, 48, 128);
      fh = prefixFlips[p] | pan.flipHi();
    } else {
      pan.v6Flips(hi, lo, 0, 128);
      fh = pan.flipHi();
      prefixFlips[prefixIndex.claim(prefix, 0)] = fh & PREFIX_48;
    }
    long fl = pan.flipLo();
    slot = addressIndex.claim(hi, lo);
    flipHi[slot] = fh;
    flipLo[slot] = fl;
    return IpAddress.ofV6(hi ^ fh, lo ^ fl);
  }
}
