package org.portscope.provisioner.plan;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Deterministic overlay addressing. The hub gets the first usable address of each CIDR; nodes that
 * were in the previous plan keep their addresses (so adding a node never moves another, and no
 * running tunnel needs a new config); new nodes get the lowest free addresses in node-list order.
 * A node missing from the list loses its address, which the next new node may take.
 */
public final class AddressPlanner {

    private AddressPlanner() {
    }

    /** A plan from nothing: the hub, then the nodes in list order. */
    public static AddressPlan plan(OverlayNetwork network, List<String> nodes) {
        return plan(network, null, nodes);
    }

    /**
     * The next plan.
     *
     * @param previous the plan in force (null if none); addresses of it that no longer fit the
     *     network (the CIDR changed) are given anew
     * @param nodes the current node names, unique
     * @throws AddressPlanException when the nodes do not fit, naming the CIDR and the count
     */
    public static AddressPlan plan(OverlayNetwork network, AddressPlan previous, List<String> nodes) {
        return plan(network, previous, nodes, Set.of());
    }

    /**
     * The next plan, leaving out {@code reserved} addresses: those of nodes that enrolled
     * themselves on the hub. A kept address that is reserved is given anew.
     */
    public static AddressPlan plan(OverlayNetwork network, AddressPlan previous, List<String> nodes,
            Set<InetAddress> reserved) {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(reserved, "reserved");
        List<String> names = checkNames(nodes);
        for (Cidr cidr : network.cidrs()) {
            long taken = reserved.stream().filter(cidr::contains).count();
            BigInteger needed = BigInteger.valueOf(names.size() + 1L + taken);
            if (cidr.usableCount().compareTo(needed) < 0) {
                throw new AddressPlanException("overlay CIDR " + cidr + " has " + cidr.usableCount()
                        + " usable addresses but the plan needs " + needed + " (the hub and "
                        + names.size() + (names.size() == 1 ? " node" : " nodes")
                        + (taken > 0 ? ", and " + taken + " enrolled nodes)" : ")"));
            }
        }
        Map<Cidr, Map<String, InetAddress>> byFamily = new LinkedHashMap<>();
        Map<Cidr, InetAddress> hubs = new LinkedHashMap<>();
        for (Cidr cidr : network.cidrs()) {
            InetAddress hub = cidr.addressAt(cidr.firstUsableOffset());
            hubs.put(cidr, hub);
            byFamily.put(cidr, allocate(cidr, hub, previous, names, reserved));
        }
        Map<String, PeerAddresses> assigned = new LinkedHashMap<>();
        for (String name : names) {
            assigned.put(name, new PeerAddresses(byFamily.get(network.ipv4()).get(name),
                    network.ipv6() == null ? null : byFamily.get(network.ipv6()).get(name)));
        }
        return new AddressPlan(network,
                new PeerAddresses(hubs.get(network.ipv4()), hubs.get(network.ipv6())), assigned);
    }

    private static Map<String, InetAddress> allocate(Cidr cidr, InetAddress hub,
            AddressPlan previous, List<String> names, Set<InetAddress> reserved) {
        Set<InetAddress> used = new HashSet<>(reserved);
        used.add(hub);
        Map<String, InetAddress> kept = new LinkedHashMap<>();
        List<String> pending = new ArrayList<>();
        for (String name : names) {
            PeerAddresses before = previous == null ? null : previous.node(name);
            InetAddress address = before == null ? null : before.in(cidr);
            if (address != null && cidr.isUsable(address) && used.add(address)) {
                kept.put(name, address);
            } else {
                pending.add(name);
            }
        }
        // The lowest free offset only grows, so one pass over the range serves every new node;
        // at most names.size() + 1 + reserved offsets are skipped, whatever the size of the CIDR.
        BigInteger offset = cidr.firstUsableOffset();
        for (String name : pending) {
            InetAddress candidate = cidr.addressAt(offset);
            while (used.contains(candidate)) {
                offset = offset.add(BigInteger.ONE);
                candidate = cidr.addressAt(offset);
            }
            used.add(candidate);
            kept.put(name, candidate);
        }
        return kept;
    }

    private static List<String> checkNames(List<String> nodes) {
        Objects.requireNonNull(nodes, "nodes");
        Set<String> seen = new HashSet<>();
        for (String name : nodes) {
            if (!seen.add(NodeNames.require(name))) {
                throw new AddressPlanException("node '" + name + "' is listed twice");
            }
        }
        return List.copyOf(nodes);
    }
}
