package org.portscope.hub.peer;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.portscope.sensor.api.IpAddress;

/** An immutable snapshot of the peers, checked: no address and no name twice. */
final class PeerTable {
  private final Map<IpAddress, Peer> byAddress;
  private final List<Peer> sorted;

  private PeerTable(Map<IpAddress, Peer> byAddress, List<Peer> sorted) {
    this.byAddress = byAddress;
    this.sorted = sorted;
  }

  static PeerTable of(List<Peer> peers, String source) {
    Map<IpAddress, Peer> byAddress = new HashMap<>();
    Map<String, Peer> byName = new HashMap<>();
    for (Peer p : peers) {
      Peer other = byAddress.putIfAbsent(p.overlayAddress(), p);
      if (other != null) {
        throw new IllegalArgumentException(source + ": peers '" + other.name() + "' and '" + p.name()
            + "' share the overlay address " + p.overlayAddress());
      }
      other = byName.putIfAbsent(p.name(), p);
      if (other != null) {
        throw new IllegalArgumentException(source + ": two peers are named '" + p.name()
            + "' (" + other.overlayAddress() + " and " + p.overlayAddress() + "); names are unique");
      }
    }
    List<Peer> sorted = peers.stream()
        .sorted(Comparator.comparing(Peer::institution).thenComparing(Peer::name)).toList();
    return new PeerTable(Map.copyOf(byAddress), sorted);
  }

  Optional<Peer> byAddress(IpAddress address) {
    return Optional.ofNullable(byAddress.get(unmapped(address)));
  }

  List<Peer> all() {
    return sorted;
  }

  /** ::ffff:a.b.c.d as a.b.c.d: a dual-stack socket reports IPv4 peers that way. */
  static IpAddress unmapped(IpAddress a) {
    if (!a.isV4() && a.hi() == 0 && (a.lo() >>> 32) == 0xFFFFL) {
      return IpAddress.ofV4((int) a.lo());
    }
    return a;
  }
}
