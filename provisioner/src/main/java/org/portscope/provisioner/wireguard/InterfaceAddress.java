package org.portscope.provisioner.wireguard;

import java.net.InetAddress;
import java.util.Objects;
import org.portscope.provisioner.plan.IpLiterals;

/**
 * An {@code Address =} entry of {@code [Interface]}: the peer's overlay address and the prefix
 * that decides which route wg-quick adds for it.
 *
 * @param address the overlay address
 * @param prefixLength 0-32 or 0-128; a host prefix (/32, /128) adds no subnet route
 */
public record InterfaceAddress(InetAddress address, int prefixLength) {

    public InterfaceAddress {
        Objects.requireNonNull(address, "address");
        int bits = address.getAddress().length * 8;
        if (prefixLength < 1 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length of " + IpLiterals.format(address)
                    + " must be 1-" + bits + ", got " + prefixLength);
        }
    }

    public static InterfaceAddress host(InetAddress address) {
        return new InterfaceAddress(address, address.getAddress().length * 8);
    }

    @Override
    public String toString() {
        return IpLiterals.format(address) + "/" + prefixLength;
    }
}
