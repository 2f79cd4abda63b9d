package org.portscope.sensor.core.config;

import java.util.Objects;
import org.portscope.sensor.api.IpAddress;

/** An address block such as {@code 192.0.2.0/24} or {@code 2001:db8::/32}; a bare address is /32 or /128. */
public record Cidr(IpAddress network, int prefixLength) {
  public Cidr {
    Objects.requireNonNull(network, "network");
    if (prefixLength < 0 || prefixLength > network.bits()) {
      throw new IllegalArgumentException("prefix length " + prefixLength + " is outside 0.."
          + network.bits());
    }
    network = network.prefix(prefixLength);
  }

  /**
   * Parses {@code ADDRESS[/LEN]}.
   *
   * @throws IllegalArgumentException naming the text and the expected form
   */
  public static Cidr parse(String text) {
    String t = text.trim();
    int slash = t.indexOf('/');
    try {
      IpAddress address = IpAddress.parse(slash < 0 ? t : t.substring(0, slash));
      int length = slash < 0 ? address.bits() : Integer.parseInt(t.substring(slash + 1));
      return new Cidr(address, length);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + text + "' is not a CIDR; expected ADDRESS/LENGTH"
          + " such as 192.0.2.0/24 or 2001:db8::/32", e);
    }
  }

  public boolean contains(IpAddress a) {
    return a.version() == network.version() && a.prefix(prefixLength).equals(network);
  }

  @Override
  public String toString() {
    return network + "/" + prefixLength;
  }
}
