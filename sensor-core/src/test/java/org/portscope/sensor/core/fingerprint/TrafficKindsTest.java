package org.portscope.sensor.core.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.portscope.sensor.api.TcpFlags;
import org.portscope.sensor.api.TrafficKind;

class TrafficKindsTest {
  private static final int S = TcpFlags.SYN;
  private static final int A = TcpFlags.ACK;
  private static final int R = TcpFlags.RST;
  private static final int F = TcpFlags.FIN;
  private static final int P = TcpFlags.PSH;
  private static final int U = TcpFlags.URG;

  @ParameterizedTest(name = "flags {0} -> {1}")
  @CsvSource({
    "S, PROBE", "SEC, PROBE", "SA, BACKSCATTER", "SAEC, BACKSCATTER", "R, BACKSCATTER",
    "RA, BACKSCATTER", "'', PROBE", "F, PROBE", "FPU, PROBE", "A, OTHER", "PA, OTHER", "FA, OTHER"
  })
  void tcpByFlags(String flags, TrafficKind expected) {
    assertEquals(expected, TrafficKinds.of(Packets.tcp().flags(parse(flags)).build()));
  }

  @Test
  void udpToUsIsAProbe() {
    assertEquals(TrafficKind.PROBE, TrafficKinds.of(Packets.udp().build()));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 3, 4, 5, 11, 12, 14, 16, 18})
  void icmpRepliesAndErrorsAreBackscatter(int type) {
    assertEquals(TrafficKind.BACKSCATTER, TrafficKinds.of(Packets.icmp(type, 0).build()));
  }

  @ParameterizedTest
  @ValueSource(ints = {8, 13, 15, 17})
  void icmpRequestsAreProbes(int type) {
    assertEquals(TrafficKind.PROBE, TrafficKinds.of(Packets.icmp(type, 0).build()));
  }

  @ParameterizedTest
  @ValueSource(ints = {9, 10, 30, 42})
  void otherIcmpIsOther(int type) {
    assertEquals(TrafficKind.OTHER, TrafficKinds.of(Packets.icmp(type, 0).build()));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 129})
  void icmp6ErrorsAndEchoReplyAreBackscatter(int type) {
    assertEquals(TrafficKind.BACKSCATTER, TrafficKinds.of(Packets.icmp6(type, 0).build()));
  }

  @Test
  void icmp6EchoRequestIsAProbeAndNeighbourDiscoveryOther() {
    assertEquals(TrafficKind.PROBE, TrafficKinds.of(Packets.icmp6(128, 0).build()));
    assertEquals(TrafficKind.OTHER, TrafficKinds.of(Packets.icmp6(135, 0).build()));
    assertEquals(TrafficKind.OTHER, TrafficKinds.of(Packets.icmp6(134, 0).build()));
  }

  private static int parse(String flags) {
    int f = 0;
    for (char c : flags.toCharArray()) {
      f |= switch (c) {
        case 'S' -> S;
        case 'A' -> A;
        case 'R' -> R;
        case 'F' -> F;
        case 'P' -> P;
        case 'U' -> U;
        case 'E' -> TcpFlags.ECE;
        case 'C' -> TcpFlags.CWR;
        default -> throw new IllegalArgumentException("flag letter " + c);
      };
    }
    return f;
  }
}
