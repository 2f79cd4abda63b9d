package org.portscope.plugin.cryptopan;

import org.portscope.sensor.api.IpAddress;

/**
 * Crypto-PAn under one key with bounded prefix caches (see {@link V4Cache}, {@link V6Cache}),
 * made on first use of each IP version, so a key that is configured but no longer in force costs
 * no cache memory. Same results as {@link CryptoPan}. Not thread-safe.
 */
final class CachedCryptoPan {
  private final CryptoPan pan;
  private final int prefixes;
  private V4Cache v4;
  private V6Cache v6;

  /** @param prefixes /24s and /48s to cache; 0 caches nothing */
  CachedCryptoPan(CryptoPan pan, int prefixes) {
    this.pan = pan;
    this.prefixes = prefixes;
  }

  IpAddress anonymize(IpAddress address) {
    if (prefixes == 0) {
      return pan.anonymize(address);
    }
    if (address.isV4()) {
      if (v4 == null) {
        v4 = new V4Cache(pan, prefixes, true);
      }
      return IpAddress.ofV4(v4.anonymize(address.v4()));
    }
    if (v6 == null) {
      v6 = new V6Cache(pan, prefixes);
    }
    return v6.anonymize(address.hi(), address.lo());
  }
}
