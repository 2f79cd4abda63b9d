package org.portscope.sensor.core.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;

/**
 * Reads which local ports have a socket from {@code /proc/net/tcp}, {@code tcp6}, {@code udp} and
 * {@code udp6}: the ports the sensor must never record traffic to.
 *
 * <p>TCP counts listeners and also the local ports of live connections, so that answers to the
 * node's own connections (a SYN-ACK to an ephemeral port) are not mistaken for backscatter when the
 * capture sees inbound traffic only. UDP counts every bound socket. Sockets bound to loopback only
 * are left out: the outside cannot reach them, so a probe to that port is a probe to a closed port.
 */
public final class ListeningPorts {
  /** Sockets in TIME_WAIT (06) and CLOSE (07, TCP only) no longer hold their port for new data. */
  private static final int TCP_TIME_WAIT = 0x06;
  private static final int TCP_CLOSE = 0x07;

  private final Path procNet;

  /** @param procNet the folder holding tcp, tcp6, udp, udp6 (normally {@code /proc/net}) */
  public ListeningPorts(Path procNet) {
    this.procNet = procNet;
  }

  /** The open TCP ports now. */
  public PortSet tcp() throws IOException {
    return read(List.of("tcp", "tcp6"), true);
  }

  /** The bound UDP ports now. */
  public PortSet udp() throws IOException {
    return read(List.of("udp", "udp6"), false);
  }

  private PortSet read(List<String> files, boolean tcp) throws IOException {
    BitSet ports = new BitSet(65_536);
    for (String name : files) {
      Path file = procNet.resolve(name);
      if (!Files.exists(file)) {
        continue; // e.g. IPv6 disabled
      }
      List<String> lines = Files.readAllLines(file);
      for (int i = 1; i < lines.size(); i++) {
        parseLine(lines.get(i), tcp, ports);
      }
    }
    return PortSet.of(ports);
  }

  /** One socket line: {@code sl local_address rem_address st ...}, addresses as HEXIP:HEXPORT. */
  static void parseLine(String line, boolean tcp, BitSet ports) {
    String[] f = line.trim().split("\\s+");
    if (f.length < 4) {
      return;
    }
    int colon = f[1].indexOf(':');
    if (colon < 0) {
      return;
    }
    String hexIp = f[1].substring(0, colon);
    int port;
    int state;
    try {
      port = Integer.parseInt(f[1].substring(colon + 1), 16);
      state = Integer.parseInt(f[3], 16);
    } catch (NumberFormatException e) {
      return;
    }
    if (tcp && (state == TCP_TIME_WAIT || state == TCP_CLOSE)) {
      return;
    }
    if (!isLoopback(hexIp)) {
      ports.set(port);
    }
  }

  /**
   * The kernel prints addresses as 32-bit words in host order (little-endian here), so 127.0.0.1
   * is {@code 0100007F} and ::1 is {@code 00000000000000000000000001000000}.
   */
  static boolean isLoopback(String hexIp) {
    if (hexIp.length() == 8) {
      return hexIp.endsWith("7F");
    }
    if (hexIp.equals("00000000000000000000000001000000")) {
      return true;
    }
    // IPv4-mapped loopback ::ffff:127.x.y.z
    return hexIp.length() == 32 && hexIp.startsWith("0000000000000000FFFF0000") && hexIp.endsWith("7F");
  }
}
