package org.portscope.plugin.cryptopan;

import java.util.Objects;
import org.portscope.sensor.api.IpAddress;

/**
 * Addresses and prefixes as text, for the {@code anonymize} command: {@code 192.0.2.1},
 * {@code 2001:db8::1}, {@code 198.51.100.0/24}. Unlike {@link IpAddress#parse}, an IPv4-mapped
 * IPv6 literal ({@code ::ffff:192.0.2.1}) stays IPv6, as other Crypto-PAn tools treat it.
 *
 * @param prefixLength the length after {@code /}, or -1 for a plain address
 */
record AddressText(IpAddress address, int prefixLength) {
  AddressText {
    Objects.requireNonNull(address, "address");
  }

  /** @throws IllegalArgumentException naming the text and what was expected */
  static AddressText parse(String text) {
    String t = text.trim();
    int slash = t.indexOf('/');
    String addr = slash < 0 ? t : t.substring(0, slash);
    IpAddress a = IpAddress.parse(addr);
    if (a.isV4() && addr.indexOf(':') >= 0) {
      a = IpAddress.ofV6(0, 0xFFFF_0000_0000L | (a.v4() & 0xFFFF_FFFFL));
    }
    if (slash < 0) {
      return new AddressText(a, -1);
    }
    String len = t.substring(slash + 1);
    int n;
    try {
      n = Integer.parseInt(len);
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 0 || n > a.bits() || !len.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("'" + text + "' has a bad prefix length; expected /0 to /"
          + a.bits());
    }
    return new AddressText(a, n);
  }

  /** The same prefix length around another address, its bits past the prefix cleared. */
  String format(IpAddress mapped) {
    return prefixLength < 0 ? mapped.toString() : mapped.prefix(prefixLength) + "/" + prefixLength;
  }
}
