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
 * the listener has. The kernel answers every SYN to one of its ports with a SYN-ACK, so a SYN (a
 * probe, recorded) opens a handshake with that peer address and port; the peer's next packet on it
 * (the handshake's ACK, or a scanner's RST) makes it a connection, as does the node's own SYN-ACK
 * where the capture sees outbound packets. The packets of a connection, except a new SYN, are
 * {@link Disposition#LISTENER}, and every packet on it keeps it for two more minutes. A SYN-ACK, RST,
 * ACK, FIN, NULL or Xmas packet that opens nothing of the kind is recorded (backscatter, a scan).
 * Handshakes and connections have tables of their own, so a flood of probes that overwrites
 * handshakes does not make the listener's live connections look unsolicited.
 */
public final class TrafficFilter {
  private volatile LocalAddresses local;
  private volatile PortSet openTcp = PortSet.EMPTY;
  private volatile PortSet openUdp = PortSet.EMPTY;
  private PortSet answeredTcp = PortSet.EMPTY;
  private volatile PortSet listenerTcp = PortSet.EMPTY;
  private final OutboundFlows flows = new OutboundFlows(1 << 14);
  /** SYNs to a listener port, each answered by the kernel: handshakes that may become connections. */
  private final OutboundFlows handshakes = new OutboundFlows(1 << 14);
  /** Connections on a listener port, kept alive by their packets. */
  private final OutboundFlows connections = new OutboundFlows(1 << 14);

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
   * a probe, a SYN-ACK or RST backscatter), except those of a connection the listener has,
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
        if (listenerTcp.contains(dstPort) && isListeners(srcHi, srcLo, srcPort, dstPort, tcpFlags, nowNanos)) {
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

  /** Whether a packet to a listener port belongs to a connection the listener has. */
  private boolean isListeners(long srcHi, long srcLo, int srcPort, int dstPort, int tcpFlags, long now) {
    long flow = OutboundFlows.key(6, dstPort, srcHi, srcLo, srcPort); // hashed once for both tables
    if ((tcpFlags & (TcpFlags.SYN | TcpFlags.ACK)) == TcpFlags.SYN) {
      // A probe, also from a peer whose earlier connection is still remembered.
      handshakes.started(flow, now);
      return false;
    }
    if (connections.touch(flow, now)) {
      return true;
    }
    if (handshakes.isAnswer(flow, now)) {
      connections.started(flow, now);
      return true;
    }
    return false;
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
            connections.started(6, srcPort, dstHi, dstLo, dstPort, now);
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
