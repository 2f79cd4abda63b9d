package org.portscope.sensor.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.portscope.sensor.api.IpAddress;
import org.portscope.sensor.api.Protocol;
import org.portscope.sensor.api.TcpFlags;
import org.portscope.sensor.core.config.Cidr;

class TrafficFilterTest {
  private static final IpAddress NODE = IpAddress.parse("192.0.2.10");
  private static final IpAddress REMOTE = IpAddress.parse("198.51.100.7");
  private final TrafficFilter filter =
      new TrafficFilter(new LocalAddresses(List.of(Cidr.parse("192.0.2.10/32"), Cidr.parse("2001:db8::/64"))));

  private Disposition tcp(IpAddress src, IpAddress dst, int sport, int dport, int flags, long t) {
    return filter.classify(src.version(), src.hi(), src.lo(), dst.hi(), dst.lo(), Protocol.TCP,
        sport, dport, flags, -1, t);
  }

  @Test
  void inboundSynToAClosedPortIsRecordedOutboundIsNot() {
    assertEquals(Disposition.RECORD, tcp(REMOTE, NODE, 5555, 23, TcpFlags.SYN, 1));
    assertEquals(Disposition.OUTBOUND, tcp(NODE, REMOTE, 23, 5555, TcpFlags.RST | TcpFlags.ACK, 2));
    assertEquals(Disposition.NOT_LOCAL, tcp(REMOTE, IpAddress.parse("192.0.2.11"), 1, 2, TcpFlags.SYN, 3));
  }

  private void listenerRange() {
    BitSet range = new BitSet();
    range.set(10000, 10101);
    filter.setListenerPorts(PortSet.of(range));
  }

  @Test
  void aConnectionTheListenerAcceptedIsTheSessionsButTheNextProbeStillCounts() {
    listenerRange();
    assertEquals(Disposition.RECORD, tcp(REMOTE, NODE, 5555, 10022, TcpFlags.SYN, 1));
    tcp(NODE, REMOTE, 10022, 5555, TcpFlags.SYN | TcpFlags.ACK, 2); // the listener accepted it
    assertEquals(Disposition.LISTENER, tcp(REMOTE, NODE, 5555, 10022, TcpFlags.ACK, 3));
    assertEquals(Disposition.LISTENER, tcp(REMOTE, NODE, 5555, 10022, TcpFlags.PSH | TcpFlags.ACK, 4));
    assertEquals(Disposition.LISTENER, tcp(REMOTE, NODE, 5555, 10022, TcpFlags.FIN | TcpFlags.ACK, 5));
    assertEquals(Disposition.RECORD, tcp(REMOTE, NODE, 5556, 10022, TcpFlags.SYN, 6), "the next probe still counts");
    assertEquals(Disposition.RECORD, tcp(REMOTE, NODE, 5555, 10022, TcpFlags.SYN, 7), "a new SYN on the old port too");
    assertEquals(Disposition.RECORD, tcp(REMOTE, NODE, 5555, 10023, TcpFlags.ACK, 8), "another local port");
    assertEquals(Disposition.RECORD,
        tcp(IpAddress.parse("203.0.113.9"), NODE, 5555, 10022, TcpFlags.ACK, 9), "another peer");
    BitSet service = new BitSet();
    service.set(10050);
    filter.setOpenPorts(PortSet.of(service), PortSet.EMPTY);
    assertEquals(Disposition.OPEN_PORT, tcp(REMOTE, NODE, 5557, 10050, TcpFlags.SYN, 10), "a real service in the range");
    assertEquals(Disposition.RECORD, tcp(REMOTE, NODE, 5557, 20050, TcpFlags.SYN, 11));
  }

  @Test
  void withInboundCaptureOnlyTheSynOpensTheHandshakeAndItsPacketsKeepTheConnection() {
    listenerRange();
    long second = 1_000_000_000L;
    assertEquals(Disposition.RECORD, tcp(REMOTE, NODE, 5555, 10022, TcpFlags.SYN, 0));
    assertEquals(Disposition.LISTENER, tcp(REMOTE, NODE, 5555, 10022, TcpFlags.ACK, second / 1000));
    assertEquals(Disposition.LISTENER, tcp(REMOTE, NODE, 5555, 10022, TcpFlags.PSH | TcpFlags.ACK, 100 * second));
    assertEquals(Disposition.LISTENER, tcp(REMOTE, NODE, 5555, 10022, TcpFlags.ACK, 200 * second),
        "the connection's packets keep it");
    // A flood of probes overwrites every handshake, but not the live connection.
    for (int i = 0; i < 100_000; i++) {
      tcp(IpAddress.ofV4(0x0A000000 + i), NODE, 40000, 10000 + i % 100, TcpFlags.SYN, 201 * second);
    }
    assertEquals(Disposition.LISTENER, tcp(REMOTE, NODE, 5555, 10022, TcpFlags.FIN | TcpFlags.ACK, 202 * second));
    assertEquals(Disposition.RECORD, tcp(REMOTE, NODE, 5555, 10022, TcpFlags.ACK, 323 * second),
        "two minutes after its last packet the connection is forgotten");
    // A SYN scanner's RST after the kernel's SYN-ACK is part of the half-open connection.
    assertEquals(Disposition.RECORD, tcp(REMOTE, NODE, 6000, 10030, TcpFlags.SYN, 400 * second));
    assertEquals(Disposition.LISTENER, tcp(REMOTE, NODE, 6000, 10030, TcpFlags.RST, 400 * second));
  }

  @Test
  void strayPacketsToTheListenerRangeAreRecordedAsOnAnyClosedPort() {
    listenerRange();
    for (int flags : new int[] {TcpFlags.SYN | TcpFlags.ACK, TcpFlags.RST, TcpFlags.RST | TcpFlags.ACK,
        TcpFlags.ACK, TcpFlags.FIN, 0, TcpFlags.FIN | TcpFlags.PSH | TcpFlags.URG}) {
      assertEquals(Disposition.RECORD, tcp(REMOTE, NODE, 80, 10080, flags, 1), "flags " + flags);
      // The kernel refuses each with a RST (or drops it): that makes no connection of the listener's.
      tcp(NODE, REMOTE, 10080, 80, TcpFlags.RST, 2);
    }
    assertEquals(Disposition.RECORD, tcp(REMOTE, NODE, 80, 10080, TcpFlags.SYN | TcpFlags.ACK, 3));
  }

  @Test
  void theNodesPacketsKeepAConnectionTheListenersLongerThanTwoMinutes() {
    listenerRange();
    long minute = 60_000_000_000L;
    tcp(NODE, REMOTE, 10022, 5555, TcpFlags.SYN | TcpFlags.ACK, 0);
    tcp(NODE, REMOTE, 10022, 5555, TcpFlags.PSH | TcpFlags.ACK, 100 * 1_000_000_000L);
    assertEquals(Disposition.LISTENER, tcp(REMOTE, NODE, 5555, 10022, TcpFlags.ACK, 3 * minute));
    assertEquals(Disposition.RECORD, tcp(REMOTE, NODE, 5555, 10022, TcpFlags.ACK, 5 * minute),
        "two minutes after the node's last packet the connection is forgotten");
  }

  @Test
  void theListenersSynAcksDoNotOpenItsPortsButAServicesElsewhereDo() {
    listenerRange();
    tcp(NODE, REMOTE, 10022, 5555, TcpFlags.SYN | TcpFlags.ACK, 1);
    assertEquals(Disposition.RECORD, tcp(REMOTE, NODE, 6000, 10022, TcpFlags.SYN, 2));
    tcp(NODE, REMOTE, 8443, 5555, TcpFlags.SYN | TcpFlags.ACK, 3);
    assertEquals(Disposition.OPEN_PORT, tcp(REMOTE, NODE, 6000, 8443, TcpFlags.SYN, 4));
  }

  @Test
  void listenersFromProcAndPortsTheNodeAnsweredAreNeverRecorded() {
    BitSet open = new BitSet();
    open.set(22);
    filter.setOpenPorts(PortSet.of(open), PortSet.EMPTY);
    assertEquals(Disposition.OPEN_PORT, tcp(REMOTE, NODE, 5555, 22, TcpFlags.SYN, 1));
    assertEquals(Disposition.RECORD, tcp(REMOTE, NODE, 5555, 80, TcpFlags.SYN, 2));
    // The node answers on 80 with a SYN-ACK: a service listens there (seen in two-way captures).
    tcp(NODE, REMOTE, 80, 5555, TcpFlags.SYN | TcpFlags.ACK, 3);
    assertEquals(Disposition.OPEN_PORT, tcp(REMOTE, NODE, 5556, 80, TcpFlags.SYN, 4));
  }

  @Test
  void answersToTheNodesOwnConnectionsAreNotBackscatterButStrangersStillAre() {
    tcp(NODE, REMOTE, 40000, 443, TcpFlags.SYN, 1_000);
    assertEquals(Disposition.ANSWER, tcp(REMOTE, NODE, 443, 40000, TcpFlags.SYN | TcpFlags.ACK, 2_000));
    assertEquals(Disposition.RECORD,
        tcp(IpAddress.parse("203.0.113.9"), NODE, 443, 40000, TcpFlags.SYN | TcpFlags.ACK, 3_000));
    // Two minutes later the flow is forgotten.
    assertEquals(Disposition.RECORD,
        tcp(REMOTE, NODE, 443, 40000, TcpFlags.SYN | TcpFlags.ACK, 1_000 + 121_000_000_000L));
  }

  @Test
  void aRetriedProbeAfterOurRstIsStillRecorded() {
    assertEquals(Disposition.RECORD, tcp(REMOTE, NODE, 5555, 23, TcpFlags.SYN, 1));
    tcp(NODE, REMOTE, 23, 5555, TcpFlags.RST | TcpFlags.ACK, 2);
    assertEquals(Disposition.RECORD, tcp(REMOTE, NODE, 5555, 23, TcpFlags.SYN, 3));
  }

  @Test
  void ipv6BlocksOfAnyLengthMatchExactlyTheirAddresses() {
    LocalAddresses local = new LocalAddresses(List.of(Cidr.parse("2001:db8:8000::/33"),
        Cidr.parse("2001:db8::1:2:3:4/126"), Cidr.parse("fe80::1/128")));
    IpAddress in33 = IpAddress.parse("2001:db8:ffff::1");
    IpAddress out33 = IpAddress.parse("2001:db8:7fff::1");
    IpAddress in126 = IpAddress.parse("2001:db8::1:2:3:7");
    IpAddress out126 = IpAddress.parse("2001:db8::1:2:3:8");
    assertEquals(true, local.containsV6(in33.hi(), in33.lo()));
    assertEquals(false, local.containsV6(out33.hi(), out33.lo()));
    assertEquals(true, local.containsV6(in126.hi(), in126.lo()));
    assertEquals(false, local.containsV6(out126.hi(), out126.lo()));
    IpAddress host = IpAddress.parse("fe80::1");
    assertEquals(true, local.containsV6(host.hi(), host.lo()));
    assertEquals(false, local.containsV6(host.hi(), host.lo() + 1));
  }

  @Test
  void ipv6AndIcmpEchoAnswers() {
    IpAddress node6 = IpAddress.parse("2001:db8::10");
    IpAddress remote6 = IpAddress.parse("2001:db8:ffff::1");
    assertEquals(Disposition.RECORD, tcp(remote6, node6, 1, 2, TcpFlags.SYN, 1));
    filter.classify(4, 0, NODE.lo(), 0, REMOTE.lo(), Protocol.ICMP, -1, -1, -1, 8, 5);
    assertEquals(Disposition.ANSWER,
        filter.classify(4, 0, REMOTE.lo(), 0, NODE.lo(), Protocol.ICMP, -1, -1, -1, 0, 6));
    assertEquals(Disposition.RECORD, filter.classify(4, 0, IpAddress.parse("203.0.113.1").lo(), 0,
        NODE.lo(), Protocol.ICMP, -1, -1, -1, 0, 7));
  }
}
