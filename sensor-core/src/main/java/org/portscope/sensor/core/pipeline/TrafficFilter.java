package org.portscope.sensor.core.pipeline;

import org.portscope.sensor.api.Protocol;
import org.portscope.sensor.api.TcpFlags;

/**
 * Decides, per packet, whether it is unsolicited inbound traffic to a closed port. Addresses come as
 * raw bits (IPv4 in {@code lo}) so that nothing is allocated on this path.
 *
 * <p>Open ports come from two places: the node's sockets ({@link #setOpenPorts}, refreshed from
 * /proc on a live node) and, when outbound traffic is visible (replays, two-way captures), the
 * ports the node answered with a SYN-ACK. Single-threaded, except {@link #setOpenPorts},
 * {@link #setListenerPorts} and {@link #setLocal}, which publish new immutable sets.
 *
 * <p>Listener mode's ports are closed ports like any other, except for the packets of connections
 * the listener accepted: the node's SYN-ACK from such a port (and every later packet it sends there
 * but a RST) marks the peer's address and port as the listener's for two minutes, and the peer's
 * packets on it, except a new SYN, are then {@link Disposition#LISTENER}.
 */
public final class TrafficFilter {
  private volatile LocalAddresses local;
  private volatile PortSet openTcp = PortSet.EMPTY;
  private volatile PortSet openUdp = PortSet.EMPTY;
  private PortSet answeredTcp = PortSet.EMPTY;
  private volatile PortSet listenerTcp = PortSet.EMPTY;
  private final OutboundFlows flows = new OutboundFlows(1 << 14);
  /** Connections accepted on a listener port: the node's packets from it keep them alive. */
  private final OutboundFlows accepted = new OutboundFlows(1 << 14);

  public TrafficFilter(LocalAddresses local) {
    this.local = local;
  }

  public void setLocal(LocalAddresses addresses) {
    this.local = addresses;
  }

  public void setOpenPorts(PortSet tcp, PortSet udp) {
    this.openTcp = tcp;
    this.openUdp = udp;
  }

  /**
   * The TCP ports listener mode owns. Packets to them are recorded as on any closed port (a SYN is
   * a probe, a SYN-ACK or RST backscatter), except those of a connection the listener accepted,
   * which the relay reports whole as a session; the node's SYN-ACKs from them do not make them open
   * ports.
   */
  public void setListenerPorts(PortSet tcp) {
    this.listenerTcp = tcp;
  }

  public Disposition classify(int version, long srcHi, long srcLo, long dstHi, long dstLo,
      Protocol proto, int srcPort, int dstPort, int tcpFlags, int icmpType, long nowNanos) {
    LocalAddresses here = local;
    boolean fromUs = version == 4 ? here.containsV4((int) srcLo) : here.containsV6(srcHi, srcLo);
    if (fromUs) {
      learnOutbound(proto, srcPort, dstHi, dstLo, dstPort, tcpFlags, icmpType, nowNanos);
      return Disposition.OUTBOUND;
    }
    boolean toUs = version == 4 ? here.containsV4((int) dstLo) : here.containsV6(dstHi, dstLo);
    if (!toUs) {
      return Disposition.NOT_LOCAL;
    }
    switch (proto) {
      case TCP -> {
        if (openTcp.contains(dstPort) || answeredTcp.contains(dstPort)) {
          return Disposition.OPEN_PORT;
        }
        // A new SYN is a probe even from a peer whose earlier connection the listener accepted.
        if (listenerTcp.contains(dstPort) && (tcpFlags & (TcpFlags.SYN | TcpFlags.ACK)) != TcpFlags.SYN
            && accepted.isAnswer(6, dstPort, srcHi, srcLo, srcPort, nowNanos)) {
          return Disposition.LISTENER;
        }
        if (flows.isAnswer(6, dstPort, srcHi, srcLo, srcPort, nowNanos)) {
          return Disposition.ANSWER;
        }
      }
      case UDP -> {
        if (openUdp.contains(dstPort)) {
          return Disposition.OPEN_PORT;
        }
        if (flows.isAnswer(17, dstPort, srcHi, srcLo, srcPort, nowNanos)) {
          return Disposition.ANSWER;
        }
      }
      case ICMP, ICMP6 -> {
        if (isEchoReply(proto, icmpType) && flows.isAnswer(1, 0, srcHi, srcLo, 0, nowNanos)) {
          return Disposition.ANSWER;
        }
      }
    }
    return Disposition.RECORD;
  }

  private void learnOutbound(Protocol proto, int srcPort, long dstHi, long dstLo, int dstPort,
      int tcpFlags, int icmpType, long now) {
    switch (proto) {
      case TCP -> {
        boolean syn = TcpFlags.has(tcpFlags, TcpFlags.SYN);
        boolean ack = TcpFlags.has(tcpFlags, TcpFlags.ACK);
        if (syn && !ack) {
          flows.started(6, srcPort, dstHi, dstLo, dstPort, now);
        } else if (listenerTcp.contains(srcPort)) {
          // The listener accepted (SYN-ACK) or carries on a connection. A RST is the kernel
          // refusing a stray packet (backscatter, an ACK scan): no connection of ours.
          if (!TcpFlags.has(tcpFlags, TcpFlags.RST)) {
            accepted.started(6, srcPort, dstHi, dstLo, dstPort, now);
          }
        } else if (syn && !answeredTcp.contains(srcPort)) {
          // The node accepted a connection on srcPort: a service listens there.
          answeredTcp = answeredTcp.with(srcPort);
        }
      }
      case UDP -> flows.started(17, srcPort, dstHi, dstLo, dstPort, now);
      case ICMP, ICMP6 -> {
        if (isEchoRequest(proto, icmpType)) {
          flows.started(1, 0, dstHi, dstLo, 0, now);
        }
      }
    }
  }

  private static boolean isEchoRequest(Protocol proto, int type) {
    return proto == Protocol.ICMP ? type == 8 : type == 128;
  }

  private static boolean isEchoReply(Protocol proto, int type) {
    return proto == Protocol.ICMP ? type == 0 : type == 129;
  }
}
