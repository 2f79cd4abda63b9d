package org.portscope.hub.peer;

import java.util.List;
import java.util.Optional;
import org.portscope.sensor.api.IpAddress;

/** Who may send batches: overlay address to node. Implementations are thread-safe. */
public interface PeerRegistry {
  /** The peer with this overlay address (an IPv4-mapped IPv6 address counts as its IPv4 form). */
  Optional<Peer> byAddress(IpAddress address);

  /** Every registered peer, sorted by institution and name. */
  List<Peer> all();

  /** A fixed registry, for tests and for a hub without a peers file. */
  static PeerRegistry of(List<Peer> peers) {
    PeerTable table = PeerTable.of(peers, "the given list");
    return new PeerRegistry() {
      @Override
      public Optional<Peer> byAddress(IpAddress address) {
        return table.byAddress(address);
      }

      @Override
      public List<Peer> all() {
        return table.all();
      }
    };
  }
}
