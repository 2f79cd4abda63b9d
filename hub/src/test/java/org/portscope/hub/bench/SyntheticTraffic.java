package org.portscope.hub.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.portscope.hub.peer.Peer;
import org.portscope.sensor.api.Fingerprint;
import org.portscope.sensor.api.IpAddress;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.Protocol;
import org.portscope.sensor.api.TcpOptions;
import org.portscope.sensor.api.TrafficKind;

/**
 * Telescope-like traffic for the benchmark: a few nodes, skewed sources (a few prefixes send most),
 * skewed ports, the usual scanner tools, 10 % IPv6, some backscatter, time spread evenly over a span.
 */
final class SyntheticTraffic {
  static final List<Peer> PEERS = List.of(
      new Peer("node-a", "uni-x", IpAddress.parse("10.77.0.2")),
      new Peer("node-b", "uni-x", IpAddress.parse("10.77.0.3")),
      new Peer("node-c", "uni-y", IpAddress.parse("10.78.0.2")),
      new Peer("node-d", "uni-y", IpAddress.parse("10.78.0.3")));
  private static final int[] PORTS = {22, 23, 80, 443, 445, 3389, 8080, 2323, 5555, 6379, 1433, 3306};
  private static final String[] TOOLS = {"zmap", "masscan", "nmap", "mirai", Fingerprint.UNKNOWN_TOOL};
  private static final TcpOptions MSS = TcpOptions.copyOf(new byte[] {2, 4, 5, (byte) 0xb4}, 0, 4);

  private final SplittableRandom random = new SplittableRandom(42);
  private final long startNanos;
  private final long stepNanos;
  private long sequence;

  /** {@code total} observations spread evenly over {@code span} ending at {@code end}. */
  SyntheticTraffic(Instant end, Duration span, long total) {
    this.startNanos = (end.getEpochSecond() - span.toSeconds()) * 1_000_000_000L;
    this.stepNanos = Math.max(1, span.toNanos() / total);
  }

  /** The next {@code n} observations, in time order, and the peer that sent them. */
  List<Observation> next(int n) {
    List<Observation> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(observation(startNanos + sequence++ * stepNanos));
    }
    return out;
  }

  Peer peerOf(long batchNumber) {
    return PEERS.get((int) (batchNumber % PEERS.size()));
  }

  private Observation observation(long ts) {
    boolean v6 = random.nextInt(10) == 0;
    // Skew: squaring a uniform number favours small prefix numbers, so a few prefixes send most.
    double u = random.nextDouble();
    int prefix = (int) (u * u * 20_000);
    IpAddress src = v6 ? IpAddress.ofV6(0x2001_0db8_0000_0000L | ((long) prefix << 16), random.nextLong())
        : IpAddress.ofV4(0x0B00_0000 + (prefix << 8) + random.nextInt(256));
    IpAddress dst = v6 ? IpAddress.ofV6(0x2001_0db8_ffff_0000L, random.nextInt(1024))
        : IpAddress.ofV4(0xC000_0200 + random.nextInt(256));
    if (random.nextInt(20) == 0) {
      return new Observation(ts, src, dst, v6 ? Protocol.ICMP6 : Protocol.ICMP, -1, -1, -1, -1, -1, -1,
          50 + random.nextInt(14), v6 ? -1 : random.nextInt(65536), TcpOptions.NONE, 0, 0, 56, "self",
          new Fingerprint(Fingerprint.UNKNOWN_TOOL, TrafficKind.BACKSCATTER, false), "k1");
    }
    double p = random.nextDouble();
    int port = p < 0.8 ? PORTS[(int) (p * p * PORTS.length / 0.64) % PORTS.length] : random.nextInt(65536);
    String tool = TOOLS[random.nextInt(TOOLS.length)];
    return new Observation(ts, src, dst, Protocol.TCP, 1024 + random.nextInt(60000), port, 0x02,
        random.nextLong() & 0xFFFF_FFFFL, 0, 1024, 30 + random.nextInt(34), v6 ? -1 : 54321,
        tool.equals("masscan") ? TcpOptions.NONE : MSS, -1, -1, 0, "self",
        new Fingerprint(tool, TrafficKind.PROBE, random.nextInt(100) == 0), "k1");
  }
}
