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

  /** Both registries: {@code first} answers first; {@code all} lists both, sorted. */
  static PeerRegistry union(PeerRegistry first, PeerRegistry second) {
    return new PeerRegistry() {
      @Override
      public Optional<Peer> byAddress(IpAddress address) {
        return first.byAddress(address).or(() -> second.byAddress(address));
      }

      @Override
      public List<Peer> all() {
        return java.util.stream.Stream.concat(first.all().stream(), second.all().stream())
            .sorted(java.util.Comparator.comparing(Peer::institution).thenComparing(Peer::name)).toList();
      }
    };
  }

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
