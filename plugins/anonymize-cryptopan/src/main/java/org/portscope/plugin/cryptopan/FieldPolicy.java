package org.portscope.plugin.cryptopan;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.portscope.sensor.api.IpAddress;
import org.portscope.sensor.api.StageConfig;

/**
 * What happens to one address field of an observation.
 *
 * <ul>
 *   <li>{@code cryptopan}: Crypto-PAn under the key in force (prefix-preserving, reversible by the
 *       key holder);</li>
 *   <li>{@code truncate/N}: keep the first N bits, zero the rest; N is 0..32 and applies to IPv4
 *       and IPv6 alike (so an IPv6 address never keeps more than an IPv4 one would);
 *       {@code truncate/N4/N6} sets the two apart, e.g. {@code truncate/24/48};</li>
 *   <li>{@code drop}: the unspecified address, {@code 0.0.0.0} or {@code ::};</li>
 *   <li>{@code keep}: unchanged.</li>
 * </ul>
 *
 * @param v4Bits bits kept of an IPv4 address by {@code truncate}, else 0
 * @param v6Bits bits kept of an IPv6 address by {@code truncate}, else 0
 */
record FieldPolicy(Kind kind, int v4Bits, int v6Bits) {
  enum Kind { CRYPTOPAN, TRUNCATE, DROP, KEEP }

  static final FieldPolicy CRYPTOPAN = new FieldPolicy(Kind.CRYPTOPAN, 0, 0);
  private static final Pattern TRUNCATE = Pattern.compile("truncate/(\\d{1,3})(?:/(\\d{1,3}))?");
  private static final String EXPECTED = "cryptopan, truncate/N (N = 0..32, for IPv4 and IPv6),"
      + " truncate/N4/N6 (N4 = 0..32, N6 = 0..128), drop or keep";
  private static final IpAddress NONE_V4 = IpAddress.ofV4(0);
  private static final IpAddress NONE_V6 = IpAddress.ofV6(0, 0);

  FieldPolicy {
    Objects.requireNonNull(kind, "kind");
    if (v4Bits < 0 || v4Bits > 32 || v6Bits < 0 || v6Bits > 128) {
      throw new IllegalArgumentException("truncate keeps 0..32 IPv4 and 0..128 IPv6 bits, got "
          + v4Bits + " and " + v6Bits);
    }
  }

  /** The policy under {@code key}; {@code cryptopan} when absent. */
  static FieldPolicy parse(StageConfig config, String key) {
    String text = config.string(key, "cryptopan").trim();
    switch (text) {
      case "cryptopan":
        return CRYPTOPAN;
      case "drop":
        return new FieldPolicy(Kind.DROP, 0, 0);
      case "keep":
        return new FieldPolicy(Kind.KEEP, 0, 0);
      default:
        break;
    }
    Matcher m = TRUNCATE.matcher(text);
    if (!m.matches()) {
      throw config.bad(key, text, EXPECTED);
    }
    int v4 = Integer.parseInt(m.group(1));
    int v6 = m.group(2) == null ? v4 : Integer.parseInt(m.group(2));
    if (v4 > 32 || v6 > 128) {
      throw config.bad(key, text, EXPECTED);
    }
    return new FieldPolicy(Kind.TRUNCATE, v4, v6);
  }

  boolean needsKey() {
    return kind == Kind.CRYPTOPAN;
  }

  IpAddress apply(IpAddress address, CachedCryptoPan pan) {
    return switch (kind) {
      case CRYPTOPAN -> pan.anonymize(address);
      case TRUNCATE -> address.prefix(address.isV4() ? v4Bits : v6Bits);
      case DROP -> address.isV4() ? NONE_V4 : NONE_V6;
      case KEEP -> address;
    };
  }

  @Override
  public String toString() {
    return switch (kind) {
      case TRUNCATE -> "truncate/" + v4Bits + "/" + v6Bits;
      default -> kind.name().toLowerCase();
    };
  }
}
