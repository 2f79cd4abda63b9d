package org.portscope.hub.peer;

import java.util.Objects;
import org.portscope.sensor.api.IpAddress;

/**
 * A node the hub accepts batches from: its overlay address is its identity (WireGuard has
 * authenticated the address), and the hub files its observations under this name and institution.
 */
public record Peer(String name, String institution, IpAddress overlayAddress) {
  public Peer {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(institution, "institution");
    Objects.requireNonNull(overlayAddress, "overlayAddress");
    if (name.isBlank() || institution.isBlank()) {
      throw new IllegalArgumentException("a peer needs a name and an institution, got name '" + name
          + "', institution '" + institution + "'");
    }
  }
}
