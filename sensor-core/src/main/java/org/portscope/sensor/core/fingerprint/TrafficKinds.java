package org.portscope.sensor.core.fingerprint;

import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.TcpFlags;
import org.portscope.sensor.api.TrafficKind;

/**
 * Sorts unsolicited packets by the network-telescope convention: what a victim sends back to a
 * forged source address is backscatter, what someone sends to reach us is a probe.
 *
 * <p>The responses follow the victim-response table of Moore, Voelker and Savage, "Inferring Internet
 * Denial-of-Service Activity" (USENIX Security 2001): SYN-ACK, RST and RST-ACK, ICMP echo and
 * timestamp replies and ICMP errors are answers to packets we never sent. ICMP information and
 * address-mask replies are counted the same way (same request/reply pattern), and the matching
 * requests are probes, like echo requests.
 */
public final class TrafficKinds {
  private static final int TCP_PROBE_FLAGS =
      TcpFlags.FIN | TcpFlags.PSH | TcpFlags.URG | TcpFlags.ECE | TcpFlags.CWR;

  private TrafficKinds() {}

  public static TrafficKind of(Observation o) {
    return switch (o.protocol()) {
      case TCP -> ofTcp(o.tcpFlags());
      case UDP -> TrafficKind.PROBE;
      case ICMP -> ofIcmp(o.icmpType());
      case ICMP6 -> ofIcmp6(o.icmpType());
    };
  }

  static TrafficKind ofTcp(int flags) {
    if (flags < 0) {
      return TrafficKind.OTHER;
    }
    if ((flags & TcpFlags.RST) != 0) {
      return TrafficKind.BACKSCATTER; // RST and RST-ACK
    }
    if ((flags & TcpFlags.SYN) != 0) {
      return (flags & TcpFlags.ACK) != 0 ? TrafficKind.BACKSCATTER : TrafficKind.PROBE;
    }
    // No SYN, RST or ACK: NULL, FIN, Xmas scans (nmap -sN/-sF/-sX) and the like. A real FIN always
    // carries ACK, so only ACK-bearing segments fall through to "other".
    return (flags & ~TCP_PROBE_FLAGS) == 0 ? TrafficKind.PROBE : TrafficKind.OTHER;
  }

  static TrafficKind ofIcmp(int type) {
    return switch (type) {
      // echo reply; unreachable, source quench, redirect, time exceeded, parameter problem;
      // timestamp, information and address-mask replies
      case 0, 3, 4, 5, 11, 12, 14, 16, 18 -> TrafficKind.BACKSCATTER;
      // echo, timestamp, information and address-mask requests
      case 8, 13, 15, 17 -> TrafficKind.PROBE;
      default -> TrafficKind.OTHER;
    };
  }

  static TrafficKind ofIcmp6(int type) {
    return switch (type) {
      // unreachable, packet too big, time exceeded, parameter problem; echo reply
      case 1, 2, 3, 4, 129 -> TrafficKind.BACKSCATTER;
      case 128 -> TrafficKind.PROBE;
      default -> TrafficKind.OTHER; // neighbour discovery, MLD, router advertisements, ...
    };
  }
}
