package org.portscope.provisioner.testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.portscope.provisioner.plan.Cidr;

class UnderlayAllocatorTest {

    // `ip -4 -o route show table all` on a machine with one testbed running.
    private static final List<String> ROUTES = List.of(
            "default via 192.0.2.1 dev eth0 ",
            "192.0.2.0/24 dev eth0 proto kernel scope link src 192.0.2.2 ",
            "198.18.0.0/24 dev pstzubpbup proto kernel scope link src 198.18.0.254 ",
            "local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1 ",
            "local 198.18.0.254 dev pstzubpbup table local proto kernel scope host src 198.18.0.254 ",
            "broadcast 198.18.0.255 dev pstzubpbup table local proto kernel scope link src 198.18.0.254 ");

    @Test
    void takesTheFirstSlash24NoRouteOverlaps() {
        assertEquals("198.18.0.0/24", UnderlayAllocator.firstFree(List.of("default via 192.0.2.1 dev eth0")).toString());
        assertEquals("198.18.1.0/24", UnderlayAllocator.firstFree(ROUTES).toString());
        List<String> more = new java.util.ArrayList<>(ROUTES);
        more.add("198.18.1.7 via 192.0.2.1 dev eth0");
        more.add("198.18.2.0/23 via 192.0.2.1 dev eth0");
        assertEquals("198.18.4.0/24", UnderlayAllocator.firstFree(more).toString());
        assertEquals("198.19.0.0/24", UnderlayAllocator.firstFree(List.of("198.18.0.0/16 dev tun0")).toString());
    }

    @Test
    void aRouteOverTheWholeRangeLeavesNothing() {
        // Some proxies route all of 198.18.0.0/15 ("fake IP" mode): a testbed must not join them.
        TestbedException e = assertThrows(TestbedException.class,
                () -> UnderlayAllocator.firstFree(List.of("198.16.0.0/12 dev utun")));
        assertTrue(e.getMessage().contains("198.18.0.0/15"), e.getMessage());
    }

    @Test
    void readsRouteDestinations() {
        assertEquals(Cidr.parse("198.18.0.254/32"), UnderlayAllocator.destination(ROUTES.get(4)));
        assertEquals(Cidr.parse("192.0.2.0/24"), UnderlayAllocator.destination(ROUTES.get(1)));
        assertNull(UnderlayAllocator.destination(ROUTES.get(0)));
        assertNull(UnderlayAllocator.destination("unreachable default dev lo"));
        assertNull(UnderlayAllocator.destination(""));
    }

    @Test
    void overlapIsOnTheShorterPrefix() {
        assertTrue(UnderlayAllocator.overlaps(Cidr.parse("198.18.0.0/15"), Cidr.parse("198.19.255.0/24")));
        assertTrue(UnderlayAllocator.overlaps(Cidr.parse("198.18.3.9/32"), Cidr.parse("198.18.3.0/24")));
        assertFalse(UnderlayAllocator.overlaps(Cidr.parse("198.18.4.0/24"), Cidr.parse("198.18.3.0/24")));
        assertTrue(UnderlayAllocator.overlaps(Cidr.parse("0.0.0.0/0"), Cidr.parse("198.18.3.0/24")));
    }

    @Test
    void hostsCountFromOneAndTheRootIsDot254() {
        UnderlayNetwork network = UnderlayNetwork.block(259);
        assertEquals("198.19.3.0/24", network.toString());
        assertEquals("198.19.3.1", network.hostAddress(0));
        assertEquals("198.19.3.253", network.hostAddress(TestbedSpec.MAX_HOSTS - 1));
        assertEquals("198.19.3.254", network.rootAddress());
        assertThrows(IllegalArgumentException.class, () -> network.hostAddress(TestbedSpec.MAX_HOSTS));
        assertThrows(IllegalArgumentException.class, () -> new UnderlayNetwork(Cidr.parse("10.0.0.0/24")));
        assertThrows(IllegalArgumentException.class, () -> UnderlayNetwork.block(512));
    }
}
