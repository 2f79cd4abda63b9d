package org.portscope.provisioner.plan;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The overlay addresses of one peer.
 *
 * @param ipv4 its IPv4 overlay address
 * @param ipv6 its IPv6 overlay address, or null when the overlay is IPv4 only
 */
public record PeerAddresses(InetAddress ipv4, InetAddress ipv6) {

    public PeerAddresses {
        Objects.requireNonNull(ipv4, "ipv4");
        if (!(ipv4 instanceof Inet4Address)) {
            throw new IllegalArgumentException("expected an IPv4 address, got " + IpLiterals.format(ipv4));
        }
        if (ipv6 instanceof Inet4Address) {
            throw new IllegalArgumentException("expected an IPv6 address, got " + IpLiterals.format(ipv6));
        }
    }

    public Optional<InetAddress> ipv6Address() {
        return Optional.ofNullable(ipv6);
    }

    /** The address in the given family, or null. */
    public InetAddress in(Cidr family) {
        return family.isIpv4() ? ipv4 : ipv6;
    }

    /** IPv4 first, then IPv6 if any. */
    public List<InetAddress> all() {
        List<InetAddress> all = new ArrayList<>(2);
        all.add(ipv4);
        if (ipv6 != null) {
            all.add(ipv6);
        }
        return List.copyOf(all);
    }

    @Override
    public String toString() {
        return ipv6 == null ? IpLiterals.format(ipv4)
                : IpLiterals.format(ipv4) + "," + IpLiterals.format(ipv6);
    }
}
