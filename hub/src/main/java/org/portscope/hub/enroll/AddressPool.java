package org.portscope.hub.enroll;

import java.util.Set;
import org.portscope.sensor.api.IpAddress;

/**
 * Overlay addresses for enrolled nodes: the highest free address of the overlay, counting down.
 * The provisioner's plan gives SSH-onboarded nodes the lowest free ones, counting up, and each
 * side leaves out the addresses the other has in use (the hub's WireGuard peers and peers file
 * here; the enrolled peers there), so the two meet only when the overlay is nearly full.
 */
final class AddressPool {
  private final int network;
  private final int size;

  AddressPool(IpAddress network, int prefixLength) {
    this.size = 1 << (32 - prefixLength);
    this.network = network.v4() & (int) (0xFFFFFFFFL << (32 - prefixLength));
  }

  /**
   * @param used every address taken (the hub's own among them)
   * @throws Refusal 503 when none is free
   */
  IpAddress allocate(Set<IpAddress> used) {
    // Offsets size-2 down to 2: never the network or broadcast address, nor offset 1 (the hub's).
    for (int offset = size - 2; offset >= 2; offset--) {
      IpAddress candidate = IpAddress.ofV4(network + offset);
      if (!used.contains(candidate)) {
        return candidate;
      }
    }
    throw new Refusal(503, "the overlay " + IpAddress.ofV4(network) + "/" + (32 - Integer.numberOfTrailingZeros(size))
        + " has no free address left");
  }
}
