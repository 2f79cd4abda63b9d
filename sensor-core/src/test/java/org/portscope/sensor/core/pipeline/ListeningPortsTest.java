package org.portscope.sensor.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.sensor.api.PortRanges;

class ListeningPortsTest {
  private static final String HEADER =
      "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";

  @Test
  void listenersAndLiveConnectionsCountLoopbackAndTimeWaitDoNot(@TempDir Path proc) throws Exception {
    Files.writeString(proc.resolve("tcp"), HEADER
        // 0.0.0.0:22 LISTEN
        + "   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1\n"
        // 127.0.0.1:631 LISTEN (loopback only: outside probes to 631 hit a closed port)
        + "   1: 0100007F:0277 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2\n"
        // 192.0.2.10:45678 -> 198.51.100.1:443 ESTABLISHED (our own connection)
        + "   2: 0A0200C0:B26E 016433C6:01BB 01 00000000:00000000 00:00000000 00000000     0        0 3\n"
        // 192.0.2.10:40000 TIME_WAIT
        + "   3: 0A0200C0:9C40 016433C6:01BB 06 00000000:00000000 00:00000000 00000000     0        0 0\n");
    Files.writeString(proc.resolve("tcp6"), HEADER
        // [::]:8080 LISTEN
        + "   0: 00000000000000000000000000000000:1F90 00000000000000000000000000000000:0000 0A 0 0 0 0 0\n"
        // [::1]:5432 LISTEN
        + "   1: 00000000000000000000000001000000:1538 00000000000000000000000000000000:0000 0A 0 0 0 0 0\n"
        // [::ffff:127.0.0.1]:8081 LISTEN (IPv4-mapped loopback), tab-separated
        + "   2:\t0000000000000000FFFF00000100007F:1F91\t00000000000000000000000000000000:0000\t0A 0 0 0 0 0\n"
        // [::ffff:192.0.2.10]:8082 LISTEN
        + "   3: 0000000000000000FFFF00000A0200C0:1F92 00000000000000000000000000000000:0000 0A 0 0 0 0 0\n"
        // lines that are not sockets
        + "garbage\n   4: 0A0200C0 016433C6:01BB 0A\n   5: 0A0200C0:ZZZZ 016433C6:01BB 0A\n\n");
    Files.writeString(proc.resolve("udp"), HEADER
        + "  10: 00000000:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4\n");
    ListeningPorts ports = new ListeningPorts(proc);
    PortSet tcp = ports.tcp();
    assertTrue(tcp.contains(22));
    assertTrue(tcp.contains(8080));
    assertTrue(tcp.contains(45678));
    assertFalse(tcp.contains(631));
    assertFalse(tcp.contains(5432));
    assertFalse(tcp.contains(8081));
    assertTrue(tcp.contains(8082));
    assertFalse(tcp.contains(40000));
    assertTrue(ports.udp().contains(53));
    assertFalse(ports.udp().contains(22));
  }

  @Test
  void readsTheRealProcOfThisMachineWithoutFailing() throws Exception {
    Path real = Path.of("/proc/net");
    if (Files.exists(real.resolve("tcp"))) {
      new ListeningPorts(real).tcp();
      new ListeningPorts(real).udp();
    }
  }

  private static String tcpLine(int sl, String local, String remote, String state, long inode) {
    return String.format("  %2d: %s %s %s 00000000:00000000 00:00000000 00000000     0        0 %d%n",
        sl, local, remote, state, inode);
  }

  @Test
  void theListenersOwnSocketsDoNotOpenItsPortsARealServicesDo(@TempDir Path proc, @TempDir Path fds)
      throws Exception {
    Files.writeString(proc.resolve("tcp"), HEADER
        // bind mode: the listener's LISTEN sockets on 10022 and 10080 (this process, inodes 501, 502)
        + tcpLine(0, "00000000:2726", "00000000:0000", "0A", 501)
        + tcpLine(1, "00000000:2760", "00000000:0000", "0A", 502)
        // tproxy mode: a relayed connection 192.0.2.10:10081 <- 198.51.100.1:443 (ours, 503)
        + tcpLine(2, "0A0200C0:2761", "016433C6:01BB", "01", 503)
        // a real service on 10050 in the range (another process, 777) and its client's connection
        + tcpLine(3, "00000000:2742", "00000000:0000", "0A", 777)
        + tcpLine(4, "0A0200C0:2742", "016433C6:C350", "01", 778)
        // a handshake in progress (SYN_RECV) and a connection not yet accepted: no inode
        + tcpLine(5, "0A0200C0:2762", "016433C6:C351", "03", 0)
        + tcpLine(6, "0A0200C0:2763", "016433C6:C352", "01", 0)
        // ours too, but outside the listener's ports (the metrics server): a port like any other
        + tcpLine(7, "00000000:238D", "00000000:0000", "0A", 504));
    Files.createSymbolicLink(fds.resolve("0"), Path.of("anon_inode:[eventpoll]"));
    for (long inode : new long[] {501, 502, 503, 504}) {
      Files.createSymbolicLink(fds.resolve(String.valueOf(inode)), Path.of("socket:[" + inode + "]"));
    }
    Files.createSymbolicLink(fds.resolve("9"), Path.of("pipe:[777]"));
    ListeningPorts ports = new ListeningPorts(proc, PortSet.of(PortRanges.parse(List.of("10000-10100"))), fds);
    PortSet tcp = ports.tcp();
    for (int listeners : new int[] {10022, 10080, 10081, 10082, 10083}) {
      assertFalse(tcp.contains(listeners), listeners + " is the listener's");
    }
    assertTrue(tcp.contains(10050), "a real service in the range");
    assertTrue(tcp.contains(9101), "the sensor's own socket outside the range");
    // Answers are kept: a second round finds the same without the descriptors.
    Files.delete(fds.resolve("501"));
    assertFalse(ports.tcp().contains(10022));
    assertEquals(7, new ListeningPorts(proc).tcp().size(), "without listener ports every socket counts");
  }

  @Test
  void aSocketOfThisProcessOnAListenerPortIsLeftOutOfTheRealProc() throws Exception {
    Path real = Path.of("/proc/net");
    boolean linux = Files.exists(real.resolve("tcp"));
    if ("true".equals(System.getenv("CI"))) {
      assertTrue(linux, "no /proc/net/tcp, and CI runs on Linux"); // in CI a missing prerequisite fails
    } else {
      assumeTrue(linux, "no /proc/net/tcp: not Linux");
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("0.0.0.0", 0));
      int port = socket.getLocalPort();
      BitSet one = new BitSet();
      one.set(port);
      assertTrue(new ListeningPorts(real).tcp().contains(port), "a listening socket opens its port");
      assertFalse(new ListeningPorts(real, PortSet.of(one), Path.of("/proc/self/fd")).tcp().contains(port),
          "unless it is this process's on a listener port");
    }
  }
}
