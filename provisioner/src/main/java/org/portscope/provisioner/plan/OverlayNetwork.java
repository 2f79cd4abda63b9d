package org.portscope.provisioner.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An institution's overlay: an IPv4 CIDR and, if configured, an IPv6 one. Every peer (the hub and
 * each node) gets one address from each.
 *
 * @param ipv4 the IPv4 overlay, e.g. {@code 10.77.0.0/24}
 * @param ipv6 the IPv6 overlay or null when the overlay is IPv4 only
 */
public record OverlayNetwork(Cidr ipv4, Cidr ipv6) {

    public OverlayNetwork {
        Objects.requireNonNull(ipv4, "ipv4");
        if (!ipv4.isIpv4()) {
            throw new IllegalArgumentException("the IPv4 overlay must be an IPv4 CIDR, got " + ipv4);
        }
        if (ipv6 != null && ipv6.isIpv4()) {
            throw new IllegalArgumentException("the IPv6 overlay must be an IPv6 CIDR, got " + ipv6);
        }
    }

    public static OverlayNetwork ipv4Only(Cidr ipv4) {
        return new OverlayNetwork(ipv4, null);
    }

    public Optional<Cidr> ipv6Cidr() {
        return Optional.ofNullable(ipv6);
    }

    /** The configured CIDRs, IPv4 first. */
    public List<Cidr> cidrs() {
        List<Cidr> all = new ArrayList<>(2);
        all.add(ipv4);
        if (ipv6 != null) {
            all.add(ipv6);
        }
        return List.copyOf(all);
    }

    @Override
    public String toString() {
        return ipv6 == null ? ipv4.toString() : ipv4 + "," + ipv6;
    }
}
