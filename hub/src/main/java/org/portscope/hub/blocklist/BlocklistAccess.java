package org.portscope.hub.blocklist;

import java.util.Objects;
import java.util.Optional;
import org.portscope.hub.api.BadRequestException;
import org.portscope.hub.peer.Peer;
import org.portscope.hub.peer.PeerRegistry;
import org.portscope.sensor.api.IpAddress;

/**
 * Who may fetch which list, by the requester's source address, as the collector identifies nodes:
 * WireGuard has authenticated the overlay address, so a registered peer's address is that node.
 * <ul>
 *   <li>A peer gets its own node's list or its own institution's; naming another is refused.
 *   <li>Loopback that is not a peer is the hub's own machine (its operator, a local proxy, the
 *       dashboard's host): any list, but it must name the node or institution.
 *   <li>Anyone else is refused.
 * </ul>
 */
final class BlocklistAccess {
  private final PeerRegistry peers;

  BlocklistAccess(PeerRegistry peers) {
    this.peers = Objects.requireNonNull(peers, "peers");
  }

  /** Whose observations a permitted request reads. */
  record Subject(String institution, String node) {
    String describe() {
      return node == null ? "institution " + institution : "node " + node
          + (institution == null ? "" : " (institution " + institution + ")");
    }
  }

  /** The request is not allowed from this address; the message says why and what would be. */
  static final class Denied extends Exception {
    Denied(String message) {
      super(message);
    }
  }

  Subject subject(IpAddress requester, BlocklistRequest r) throws Denied, BadRequestException {
    if (r.scope() == BlocklistRequest.Scope.INSTITUTION && r.node() != null) {
      throw new BadRequestException("node", "scope institution takes no node", "node left out, or scope=node");
    }
    Optional<Peer> peer = peers.byAddress(requester);
    if (peer.isPresent()) {
      return forPeer(peer.get(), r);
    }
    if (!isLoopback(requester)) {
      throw new Denied(requester + " is not a registered peer: blocklists are served to nodes over the"
          + " overlay (and to the hub's own machine on loopback)");
    }
    if (r.scope() == BlocklistRequest.Scope.NODE) {
      if (r.node() == null) {
        throw new BadRequestException("node", "scope node from the hub's own machine needs the node",
            "the name of a registered node");
      }
      return new Subject(r.institution(), r.node());
    }
    if (r.institution() == null) {
      throw new BadRequestException("institution", "scope institution from the hub's own machine needs"
          + " the institution", "the name of an institution");
    }
    return new Subject(r.institution(), null);
  }

  private static Subject forPeer(Peer p, BlocklistRequest r) throws Denied {
    if (r.institution() != null && !r.institution().equals(p.institution())) {
      throw new Denied("node " + p.name() + " asked for institution '" + r.institution()
          + "', but it belongs to '" + p.institution() + "': a node gets its own institution's list only");
    }
    if (r.scope() == BlocklistRequest.Scope.INSTITUTION) {
      return new Subject(p.institution(), null);
    }
    if (r.node() != null && !r.node().equals(p.name())) {
      throw new Denied("node " + p.name() + " asked for node '" + r.node()
          + "': a node gets its own list only (or its institution's, with scope=institution)");
    }
    return new Subject(p.institution(), p.name());
  }

  /** 127.0.0.0/8, ::1, and ::ffff:127.x.y.z as a dual-stack socket reports it. */
  static boolean isLoopback(IpAddress a) {
    if (a.isV4()) {
      return (a.v4() >>> 24) == 127;
    }
    boolean mapped = a.hi() == 0 && (a.lo() >>> 32) == 0xFFFFL;
    return a.hi() == 0 && (a.lo() == 1 || mapped && ((a.lo() >>> 24) & 0xFF) == 127);
  }
}
