package org.portscope.provisioner.plan;

import java.net.InetAddress;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Who has which overlay address. The constructor enforces the plan's invariants, so a plan that
 * exists is one WireGuard can run: every address is usable in its CIDR, every peer has an address
 * in every configured family, and no two peers share one. Made by {@link AddressPlanner}.
 *
 * @param network the overlay the addresses come from
 * @param hub the hub's addresses
 * @param nodes node name to addresses, in the order of the node list
 */
public record AddressPlan(OverlayNetwork network, PeerAddresses hub, Map<String, PeerAddresses> nodes) {

    public AddressPlan {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(hub, "hub");
        nodes = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(nodes, "nodes")));
        Map<InetAddress, String> owners = new HashMap<>();
        check(network, "the hub", hub, owners);
        nodes.forEach((name, addresses) -> check(network, "node '" + NodeNames.require(name) + "'",
                Objects.requireNonNull(addresses, name), owners));
    }

    /** The addresses of a node, or null if the plan has no such node. */
    public PeerAddresses node(String name) {
        return nodes.get(name);
    }

    private static void check(OverlayNetwork network, String peer, PeerAddresses addresses,
            Map<InetAddress, String> owners) {
        for (Cidr cidr : network.cidrs()) {
            InetAddress address = addresses.in(cidr);
            if (address == null) {
                throw new AddressPlanException(peer + " has no address in " + cidr);
            }
            if (!cidr.isUsable(address)) {
                throw new AddressPlanException(peer + "'s address " + IpLiterals.format(address)
                        + " is not a usable address of " + cidr);
            }
            String owner = owners.putIfAbsent(address, peer);
            if (owner != null) {
                throw new AddressPlanException(peer + " and " + owner + " both have "
                        + IpLiterals.format(address));
            }
        }
        if (network.ipv6() == null && addresses.ipv6() != null) {
            throw new AddressPlanException(peer + " has an IPv6 address but the overlay "
                    + network + " has no IPv6 CIDR");
        }
    }
}
