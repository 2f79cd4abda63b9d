package org.portscope.provisioner.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AddressPlannerTest {

    private static final OverlayNetwork V4 = OverlayNetwork.ipv4Only(Cidr.parse("10.77.0.0/24"));
    private static final OverlayNetwork DUAL =
            new OverlayNetwork(Cidr.parse("10.77.0.0/24"), Cidr.parse("fd77::/64"));

    private static String v4(AddressPlan plan, String node) {
        return IpLiterals.format(plan.node(node).ipv4());
    }

    @Test
    void hubFirstThenNodesInListOrder() {
        AddressPlan plan = AddressPlanner.plan(DUAL, List.of("pisa", "torino", "bari"));
        assertEquals("10.77.0.1,fd77::1", plan.hub().toString());
        assertEquals("10.77.0.2,fd77::2", plan.node("pisa").toString());
        assertEquals("10.77.0.3,fd77::3", plan.node("torino").toString());
        assertEquals("10.77.0.4,fd77::4", plan.node("bari").toString());
        assertEquals(List.of("pisa", "torino", "bari"), List.copyOf(plan.nodes().keySet()));
    }

    @Test
    void enrolledNodesAddressesAreLeftOutAndAKeptOneThatIsEnrolledMoves() throws Exception {
        Set<InetAddress> enrolled = Set.of(InetAddress.getByName("10.77.0.3"), InetAddress.getByName("10.77.0.254"));
        AddressPlan first = AddressPlanner.plan(V4, null, List.of("pisa", "torino"), enrolled);
        assertEquals("10.77.0.2", v4(first, "pisa"));
        assertEquals("10.77.0.4", v4(first, "torino"));
        // a node planned before the hub gave its address to an enrolled node is planned anew
        AddressPlan before = AddressPlanner.plan(V4, List.of("pisa", "torino"));
        AddressPlan next = AddressPlanner.plan(V4, before, List.of("pisa", "torino"), enrolled);
        assertEquals("10.77.0.2", v4(next, "pisa"));
        assertEquals("10.77.0.4", v4(next, "torino"));
    }

    @Test
    void enrolledNodesCountWhenTheOverlayIsFull() throws Exception {
        OverlayNetwork small = OverlayNetwork.ipv4Only(Cidr.parse("10.77.0.0/29"));
        Set<InetAddress> enrolled = Set.of(InetAddress.getByName("10.77.0.6"), InetAddress.getByName("10.77.0.5"));
        AddressPlanException full = assertThrows(AddressPlanException.class,
                () -> AddressPlanner.plan(small, null, List.of("a", "b", "c", "d"), enrolled));
        assertTrue(full.getMessage().contains("and 2 enrolled nodes"), full.getMessage());
        assertEquals("10.77.0.4", v4(AddressPlanner.plan(small, null, List.of("a", "b", "c"), enrolled), "c"));
    }

    @Test
    void addingANodeNeverMovesAnother() {
        AddressPlan before = AddressPlanner.plan(V4, List.of("a", "b", "c"));
        // The new node is listed first, yet the others keep their addresses.
        AddressPlan after = AddressPlanner.plan(V4, before, List.of("new", "a", "b", "c"));
        assertEquals("10.77.0.2", v4(after, "a"));
        assertEquals("10.77.0.3", v4(after, "b"));
        assertEquals("10.77.0.4", v4(after, "c"));
        assertEquals("10.77.0.5", v4(after, "new"));
    }

    @Test
    void removalFreesTheAddressForTheNextNewNode() {
        AddressPlan before = AddressPlanner.plan(V4, List.of("a", "b", "c"));
        AddressPlan without = AddressPlanner.plan(V4, before, List.of("a", "c"));
        assertNull(without.node("b"));
        assertEquals("10.77.0.4", v4(without, "c"));
        AddressPlan reused = AddressPlanner.plan(V4, without, List.of("a", "c", "d"));
        assertEquals("10.77.0.3", v4(reused, "d"));
    }

    @Test
    void aPlanThatDoesNotFitNamesTheCidrAndTheCount() {
        OverlayNetwork small = OverlayNetwork.ipv4Only(Cidr.parse("10.77.0.0/29"));
        assertEquals(6, AddressPlanner.plan(small, List.of("a", "b", "c", "d", "e")).nodes().size() + 1);
        AddressPlanException e = assertThrows(AddressPlanException.class,
                () -> AddressPlanner.plan(small, List.of("a", "b", "c", "d", "e", "f")));
        assertEquals("overlay CIDR 10.77.0.0/29 has 6 usable addresses but the plan needs 7"
                + " (the hub and 6 nodes)", e.getMessage());
        OverlayNetwork tinyV6 = new OverlayNetwork(Cidr.parse("10.77.0.0/24"), Cidr.parse("fd77::/127"));
        e = assertThrows(AddressPlanException.class, () -> AddressPlanner.plan(tinyV6, List.of("a", "b")));
        assertTrue(e.getMessage().startsWith("overlay CIDR fd77::/127 has 2 usable"), e.getMessage());
    }

    @Test
    void duplicateAndInvalidNamesAreRefused() {
        assertThrows(AddressPlanException.class, () -> AddressPlanner.plan(V4, List.of("a", "b", "a")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AddressPlanner.plan(V4, List.of("ok", "bad name\nPostUp")));
        assertTrue(e.getMessage().contains("'bad name?PostUp'"), e.getMessage());
    }

    @Test
    void addingIpv6KeepsIpv4AndChangingTheCidrRenumbers() {
        AddressPlan v4only = AddressPlanner.plan(V4, List.of("a", "b"));
        AddressPlan dual = AddressPlanner.plan(DUAL, AddressPlanner.plan(V4, v4only, List.of("b")),
                List.of("a", "b"));
        assertEquals("10.77.0.3", v4(dual, "b"), "b keeps its IPv4 address");
        assertEquals("10.77.0.2", v4(dual, "a"));
        assertEquals("fd77::2", IpLiterals.format(dual.node("a").ipv6()));
        assertEquals("fd77::3", IpLiterals.format(dual.node("b").ipv6()));
        OverlayNetwork moved = OverlayNetwork.ipv4Only(Cidr.parse("10.88.0.0/24"));
        AddressPlan renumbered = AddressPlanner.plan(moved, dual, List.of("a", "b"));
        assertEquals("10.88.0.1", IpLiterals.format(renumbered.hub().ipv4()));
        assertEquals("10.88.0.2", v4(renumbered, "a"));
        assertNull(renumbered.node("a").ipv6());
    }

    @Test
    void aPlanRefusesSharedAndUnusableAddresses() {
        PeerAddresses hub = new PeerAddresses(IpLiterals.parse("10.77.0.1", "t"), null);
        Map<String, PeerAddresses> nodes = new LinkedHashMap<>();
        nodes.put("a", hub);
        AddressPlanException e = assertThrows(AddressPlanException.class,
                () -> new AddressPlan(V4, hub, nodes));
        assertEquals("node 'a' and the hub both have 10.77.0.1", e.getMessage());
        nodes.put("a", new PeerAddresses(IpLiterals.parse("10.77.0.255", "t"), null));
        assertThrows(AddressPlanException.class, () -> new AddressPlan(V4, hub, nodes));
    }

    /**
     * Property-style: random histories of adds and removals, over several CIDR sizes and seeds.
     * After every step: the plan is valid (the constructor checks), every survivor kept its
     * addresses, new nodes got the lowest free ones, and replanning is deterministic.
     */
    @Test
    void randomHistoriesKeepTheInvariants() {
        for (long seed = 1; seed <= 300; seed++) {
            Random random = new Random(seed);
            int prefix = 26 + random.nextInt(4); // /26 (62 usable) down to /29 (6 usable)
            OverlayNetwork network = new OverlayNetwork(Cidr.parse("10.77.0.0/" + prefix),
                    random.nextBoolean() ? Cidr.parse("fd77::/" + (prefix + 96)) : null);
            long capacity = network.ipv4().usableCount().longValue() - 1;
            List<String> nodes = new ArrayList<>();
            AddressPlan plan = AddressPlanner.plan(network, nodes);
            int counter = 0;
            for (int step = 0; step < 60; step++) {
                List<String> next = new ArrayList<>(nodes);
                if (!next.isEmpty() && random.nextInt(3) == 0) {
                    next.remove(random.nextInt(next.size()));
                } else {
                    next.add(random.nextInt(next.size() + 1), "n" + counter++);
                }
                if (next.size() > capacity) {
                    List<String> tooMany = next;
                    AddressPlan previous = plan;
                    AddressPlanException e = assertThrows(AddressPlanException.class,
                            () -> AddressPlanner.plan(network, previous, tooMany), "seed " + seed);
                    assertTrue(e.getMessage().contains(network.ipv4().toString()), e.getMessage());
                    continue;
                }
                AddressPlan replanned = AddressPlanner.plan(network, plan, next);
                checkStep(seed, network, plan, replanned, next);
                assertEquals(replanned, AddressPlanner.plan(network, plan, next), "deterministic");
                plan = replanned;
                nodes = next;
            }
        }
    }

    private static void checkStep(long seed, OverlayNetwork network, AddressPlan before,
            AddressPlan after, List<String> nodes) {
        assertEquals(Set.copyOf(nodes), after.nodes().keySet(), "seed " + seed);
        for (Cidr cidr : network.cidrs()) {
            assertEquals(cidr.addressAt(cidr.firstUsableOffset()), after.hub().in(cidr));
            Set<InetAddress> kept = new HashSet<>();
            kept.add(after.hub().in(cidr));
            for (String name : nodes) {
                PeerAddresses old = before.node(name);
                if (old != null) {
                    assertEquals(old.in(cidr), after.node(name).in(cidr), "seed " + seed + " moved " + name);
                    kept.add(old.in(cidr));
                }
            }
            // New nodes took the lowest addresses that were free, in list order.
            BigInteger offset = cidr.firstUsableOffset();
            for (String name : nodes) {
                if (before.node(name) == null) {
                    while (kept.contains(cidr.addressAt(offset))) {
                        offset = offset.add(BigInteger.ONE);
                    }
                    assertEquals(cidr.addressAt(offset), after.node(name).in(cidr),
                            "seed " + seed + " new node " + name);
                    kept.add(cidr.addressAt(offset));
                }
            }
        }
    }
}
