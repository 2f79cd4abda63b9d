package org.portscope.sensor.api.wire;

import java.util.Random;
import org.portscope.sensor.api.Fingerprint;
import org.portscope.sensor.api.IpAddress;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.Protocol;
import org.portscope.sensor.api.Session;
import org.portscope.sensor.api.TcpOptions;
import org.portscope.sensor.api.TrafficKind;

/** Observations for codec tests: hand-made edge cases and random ones over every field's range. */
final class Observations {
  private Observations() {}

  static Observation tcpV4() {
    byte[] opts = {2, 4, 5, (byte) 0xb4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7};
    return new Observation(1_700_000_000_123_456_789L, IpAddress.parse("198.51.100.7"),
        IpAddress.parse("192.0.2.10"), Protocol.TCP, 54321, 22, 0x02, 0xFFFF_FFFFL, 0, 64240, 255,
        0xBEEF, TcpOptions.copyOf(opts, 0, opts.length), -1, -1, 0, "node-a",
        new Fingerprint("zmap", TrafficKind.PROBE, false), null);
  }

  static Observation icmpV6Anonymized() {
    return new Observation(-5, IpAddress.parse("2001:db8::1"), IpAddress.parse("2001:db8:ffff::abcd"),
        Protocol.ICMP6, -1, -1, -1, -1, -1, -1, 1, -1, TcpOptions.NONE, 128, 0, 1232,
        "nœud-é-東京", new Fingerprint("unknown", TrafficKind.BACKSCATTER, true), "key-2024");
  }

  static Observation bare() {
    return new Observation(0, IpAddress.ofV4(0), IpAddress.ofV4(-1), Protocol.UDP, -1, -1, -1, -1,
        -1, -1, -1, -1, TcpOptions.NONE, -1, -1, -1, "", null, null);
  }

  static Observation session() {
    byte[] first = "SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    return Observation.ofSession(1_700_000_000_000_000_000L, IpAddress.parse("203.0.113.9"), 40000,
        IpAddress.parse("192.0.2.10"), 10022, "node-a",
        new Session(2_500_000_000L, 1500, 41, first, "ssh", "honeypot-closed"))
        .withFingerprint(new Fingerprint("openssh", TrafficKind.PROBE, false))
        .withAnonymizedAddresses(IpAddress.parse("10.1.2.3"), IpAddress.parse("10.9.9.9"), "k1");
  }

  static Observation random(Random r) {
    if (r.nextInt(4) == 0) {
      return randomSession(r);
    }
    boolean v6 = r.nextBoolean();
    IpAddress src = v6 ? IpAddress.ofV6(r.nextLong(), r.nextLong()) : IpAddress.ofV4(r.nextInt());
    IpAddress dst = v6 ? IpAddress.ofV6(r.nextLong(), r.nextLong()) : IpAddress.ofV4(r.nextInt());
    Protocol p = Protocol.values()[r.nextInt(Protocol.values().length)];
    byte[] opts = new byte[r.nextInt(41)];
    r.nextBytes(opts);
    Fingerprint fp = r.nextInt(4) == 0 ? null : new Fingerprint(randomString(r, 30),
        TrafficKind.values()[r.nextInt(3)], r.nextBoolean());
    return new Observation(r.nextLong(), src, dst, p, opt(r, 0xFFFF), opt(r, 0xFFFF), opt(r, 0xFF),
        optLong(r), optLong(r), opt(r, 0xFFFF), opt(r, 0xFF), opt(r, 0xFFFF),
        TcpOptions.copyOf(opts, 0, opts.length), opt(r, 0xFF), opt(r, 0xFF),
        opt(r, Integer.MAX_VALUE), randomString(r, 60), fp, r.nextBoolean() ? null : randomString(r, 20));
  }

  private static Observation randomSession(Random r) {
    byte[] first = new byte[r.nextInt(3) == 0 ? 0 : r.nextInt(WireLimits.MAX_SESSION_BYTES + 1)];
    r.nextBytes(first);
    long from = first.length + (r.nextBoolean() ? 0 : r.nextLong() & Long.MAX_VALUE >> 2);
    Session s = new Session(r.nextLong() & Long.MAX_VALUE, from, r.nextLong() & Long.MAX_VALUE,
        first, r.nextBoolean() ? null : randomString(r, 10), randomString(r, 30));
    return Observation.ofSession(r.nextLong(), IpAddress.ofV4(r.nextInt()), r.nextInt(65536),
        IpAddress.ofV4(r.nextInt()), r.nextInt(65536), randomString(r, 20), s);
  }

  private static int opt(Random r, int max) {
    return r.nextInt(5) == 0 ? -1 : (int) (r.nextDouble() * ((long) max + 1));
  }

  private static long optLong(Random r) {
    return r.nextInt(5) == 0 ? -1 : r.nextLong() & 0xFFFF_FFFFL;
  }

  private static String randomString(Random r, int maxChars) {
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(maxChars + 1);
    for (int i = 0; i < n; i++) {
      int kind = r.nextInt(10);
      // Mostly ASCII, some 2-, 3- and 4-byte UTF-8 (a supplementary code point).
      sb.appendCodePoint(kind < 7 ? 'a' + r.nextInt(26) : kind < 8 ? 0xE9 : kind < 9 ? 0x6771 : 0x1F600);
    }
    return sb.toString();
  }
}
