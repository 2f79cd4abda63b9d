package org.portscope.sensor.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        + "   1: 00000000000000000000000001000000:1538 00000000000000000000000000000000:0000 0A 0 0 0 0 0\n");
    Files.writeString(proc.resolve("udp"), HEADER
        + "  10: 00000000:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4\n");
    ListeningPorts ports = new ListeningPorts(proc);
    PortSet tcp = ports.tcp();
    assertTrue(tcp.contains(22));
    assertTrue(tcp.contains(8080));
    assertTrue(tcp.contains(45678));
    assertFalse(tcp.contains(631));
    assertFalse(tcp.contains(5432));
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
}
