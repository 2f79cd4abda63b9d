package org.portscope.sensor.core.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads which local ports have a socket from {@code /proc/net/tcp}, {@code tcp6}, {@code udp} and
 * {@code udp6}: the ports the sensor must never record traffic to.
 *
 * <p>TCP counts listeners and also the local ports of live connections, so that answers to the
 * node's own connections (a SYN-ACK to an ephemeral port) are not mistaken for backscatter when the
 * capture sees inbound traffic only. UDP counts every bound socket. Sockets bound to loopback only
 * are left out: the outside cannot reach them, so a probe to that port is a probe to a closed port.
 *
 * <p>Listener mode's own sockets are left out too, or its ports would all look open: on the
 * listener's ports, a TCP socket counts only when another process holds it (a real service's,
 * told apart by its inode, see {@link OwnSockets}). Sockets without a file there (inode 0: a
 * handshake in progress, a connection not yet accepted, one already closed) hold nothing a service
 * would not also show by its listening socket, so they do not count either.
 */
public final class ListeningPorts {
  /** Sockets in TIME_WAIT (06) and CLOSE (07, TCP only) no longer hold their port for new data. */
  private static final int TCP_TIME_WAIT = 0x06;
  private static final int TCP_CLOSE = 0x07;

  private final Path procNet;
  private final PortSet listenerPorts;
  private final OwnSockets own;
  /** Where the fields of the line being parsed start and end (one parse at a time). */
  private final int[] from = new int[10];
  private final int[] to = new int[10];

  /** @param procNet the folder holding tcp, tcp6, udp, udp6 (normally {@code /proc/net}) */
  public ListeningPorts(Path procNet) {
    this(procNet, PortSet.EMPTY, Path.of("/proc/self/fd"));
  }

  /**
   * @param listenerPorts the listener's ports ({@link org.portscope.sensor.api.SessionListener#ports})
   * @param ownFds this process's descriptors (normally {@code /proc/self/fd})
   */
  public ListeningPorts(Path procNet, PortSet listenerPorts, Path ownFds) {
    this.procNet = procNet;
    this.listenerPorts = listenerPorts;
    this.own = new OwnSockets(ownFds);
  }

  /** The open TCP ports now. Called from one thread at a time. */
  public PortSet tcp() throws IOException {
    BitSet ports = new BitSet(65_536);
    Map<Long, Integer> onListenerPorts = new HashMap<>();
    for (String line : lines(List.of("tcp", "tcp6"))) {
      SocketLine s = parseLine(line, true);
      if (s == null) {
        continue;
      }
      if (!listenerPorts.contains(s.port)) {
        ports.set(s.port);
      } else if (s.inode != 0) {
        onListenerPorts.put(s.inode, s.port);
      }
    }
    for (Map.Entry<Long, Integer> e : onListenerPorts.entrySet()) {
      if (!own.isOurs(e.getKey())) {
        ports.set(e.getValue());
      }
    }
    own.forgetAllBut(onListenerPorts.keySet());
    return PortSet.of(ports);
  }

  /** The bound UDP ports now. */
  public PortSet udp() throws IOException {
    BitSet ports = new BitSet(65_536);
    for (String line : lines(List.of("udp", "udp6"))) {
      SocketLine s = parseLine(line, false);
      if (s != null) {
        ports.set(s.port);
      }
    }
    return PortSet.of(ports);
  }

  private List<String> lines(List<String> files) throws IOException {
    List<String> out = new ArrayList<>();
    for (String name : files) {
      Path file = procNet.resolve(name);
      if (!Files.exists(file)) {
        continue; // e.g. IPv6 disabled
      }
      List<String> lines = Files.readAllLines(file);
      out.addAll(lines.subList(Math.min(1, lines.size()), lines.size()));
    }
    return out;
  }

  /** A socket that holds its port for the outside: its local port and inode (0 when it has none). */
  record SocketLine(int port, long inode) {}

  /**
   * One socket line: {@code sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout
   * inode ...}, addresses as HEXIP:HEXPORT; null for a line that is not one, a socket in TIME_WAIT
   * or CLOSE, or one bound to loopback only. Fields are found by scanning, not with a regex split:
   * in listener mode's bind mode /proc lists every port of the range, refreshed every 2 s, and a
   * refresh of 20,000 lines took 36 ms with the split, 11-17 ms so (best of 30, one machine).
   */
  private SocketLine parseLine(String line, boolean tcp) {
    int fields = 0;
    int n = line.length();
    for (int i = 0; i < n && fields < 10; ) {
      while (i < n && Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      if (i == n) {
        break;
      }
      from[fields] = i;
      while (i < n && !Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      to[fields++] = i;
    }
    if (fields < 4) {
      return null;
    }
    int colon = line.indexOf(':', from[1]);
    if (colon < 0 || colon >= to[1]) {
      return null;
    }
    int port;
    int state;
    long inode;
    try {
      port = Integer.parseInt(line, colon + 1, to[1], 16);
      state = Integer.parseInt(line, from[3], to[3], 16);
      inode = fields == 10 ? Long.parseLong(line, from[9], to[9], 10) : 0;
    } catch (NumberFormatException e) {
      return null;
    }
    if (tcp && (state == TCP_TIME_WAIT || state == TCP_CLOSE) || isLoopback(line, from[1], colon)) {
      return null;
    }
    return new SocketLine(port, inode);
  }

  /**
   * Whether {@code line[from, to)}, an address as the kernel prints it, is loopback. The kernel
   * prints addresses as 32-bit words in host order (little-endian here), so 127.0.0.1 is
   * {@code 0100007F} and ::1 is {@code 00000000000000000000000001000000}.
   */
  private static boolean isLoopback(String line, int from, int to) {
    int length = to - from;
    boolean lastOctet127 = line.regionMatches(to - 2, "7F", 0, 2);
    if (length == 8) {
      return lastOctet127;
    }
    if (length != 32) {
      return false;
    }
    // ::1, or IPv4-mapped loopback ::ffff:127.x.y.z
    return line.regionMatches(from, "00000000000000000000000001000000", 0, 32)
        || line.regionMatches(from, "0000000000000000FFFF0000", 0, 24) && lastOctet127;
  }
}
