package org.portscope.hub.store;

import java.time.Instant;
import java.util.Objects;

/**
 * The traffic from one source prefix: a /24 for IPv4, a /48 for IPv6 (of anonymized addresses;
 * Crypto-PAn preserves prefixes, so a prefix here is a prefix on the real network).
 *
 * @param prefix e.g. {@code 203.0.113.0/24} or {@code 2001:db8:1::/48}
 * @param addresses distinct source addresses in it (approximate above a few thousand)
 * @param ports distinct destination ports they targeted (approximate above a few thousand)
 * @param nodes distinct nodes that saw them
 */
public record SourcePrefix(String prefix, int ipVersion, long observations, long addresses,
    long ports, long nodes, Instant firstSeen, Instant lastSeen) {
  public SourcePrefix {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(lastSeen, "lastSeen");
  }
}
