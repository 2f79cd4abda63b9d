package org.portscope.hub.enroll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.portscope.sensor.api.IpAddress;

class AddressPoolTest {

  @Test
  void countsDownFromTheLastHostAddressSkippingUsedOnes() {
    AddressPool pool = new AddressPool(IpAddress.parse("10.77.0.0"), 24);
    assertEquals(IpAddress.parse("10.77.0.254"), pool.allocate(Set.of()));
    assertEquals(IpAddress.parse("10.77.0.252"), pool.allocate(Set.of(IpAddress.parse("10.77.0.254"),
        IpAddress.parse("10.77.0.253"))));
  }

  @Test
  void aNetworkGivenWithHostBitsIsItsNetwork() {
    assertEquals(IpAddress.parse("10.77.0.14"), new AddressPool(IpAddress.parse("10.77.0.9"), 28).allocate(Set.of()));
  }

  @Test
  void neverTheNetworkTheBroadcastOrTheHubsFirstAddressAndSaysWhenFull() {
    AddressPool pool = new AddressPool(IpAddress.parse("192.168.5.0"), 29);
    Set<IpAddress> used = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      IpAddress a = pool.allocate(used);
      assertTrue(used.add(a));
    }
    // .2 to .6: offsets 0, 1 (the hub) and 7 (broadcast) are never given
    assertEquals(Set.of(IpAddress.parse("192.168.5.2"), IpAddress.parse("192.168.5.3"), IpAddress.parse("192.168.5.4"),
        IpAddress.parse("192.168.5.5"), IpAddress.parse("192.168.5.6")), used);
    Refusal full = assertThrows(Refusal.class, () -> pool.allocate(used));
    assertEquals(503, full.status());
    assertEquals("the overlay 192.168.5.0/29 has no free address left", full.getMessage());
  }
}
