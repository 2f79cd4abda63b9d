package org.portscope.sensor.core.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.portscope.sensor.api.Fingerprint;
import org.portscope.sensor.api.IpAddress;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.TcpFlags;
import org.portscope.sensor.api.TrafficKind;

class FingerprinterTest {
  private final Fingerprinter fingerprinter = new Fingerprinter(1024);

  static List<Arguments> kernelConnects() {
    return List.of(
        Arguments.of("linux", (Supplier<Packets>) KernelSyns::linux),
        Arguments.of("linux loopback", (Supplier<Packets>) KernelSyns::linuxLoopback),
        Arguments.of("windows 10", (Supplier<Packets>) KernelSyns::windows10),
        Arguments.of("windows 7", (Supplier<Packets>) KernelSyns::windows7),
        Arguments.of("macos", (Supplier<Packets>) KernelSyns::macos),
        Arguments.of("freebsd", (Supplier<Packets>) KernelSyns::freebsd));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kernelConnects")
  void ordinaryConnectSynsAreUnknownProbes(String os, Supplier<Packets> syn) {
    Fingerprint f = fingerprinter.classify(syn.get().build());
    assertEquals(new Fingerprint(Fingerprint.UNKNOWN_TOOL, TrafficKind.PROBE, false), f, os);
    // A second connection from the same host (new port, new ISN) stays unknown too.
    Observation again = syn.get().ports(60_001, 993).seq(0x0F1E_2D3CL).build();
    assertEquals(Fingerprint.UNKNOWN_TOOL, fingerprinter.classify(again).tool(), os);
  }

  static List<Arguments> scannerProbes() {
    Packets masscan = Packets.tcp().dst("192.0.2.200").ports(61_000, 8443).seq(0xC0FF_EE11L)
        .window(1024).ttl(243);
    masscan.ipId((int) ((masscan.dstBits() ^ 8443 ^ 0xC0FF_EE11L) & 0xFFFF));
    Packets mirai = Packets.tcp().dst("203.0.113.45").ports(48_213, 23).window(27_448).ttl(49);
    mirai.seq(mirai.dstBits());
    return List.of(
        Arguments.of("masscan", masscan),
        Arguments.of("mirai", mirai),
        Arguments.of("zmap", Packets.tcp().ipId(54321).window(65_535).ttl(241)),
        Arguments.of("zmap", Packets.tcp().window(65_535).ttl(51).ipId(0xE3A9)
            .options(0x02, 0x04, 0x05, 0xb4, 0x01, 0x03, 0x03, 0x08, 0x01, 0x01, 0x04, 0x02)),
        Arguments.of("nmap", Packets.tcp().window(1024).ttl(44).options(0x02, 0x04, 0x05, 0xb4)),
        Arguments.of("nmap", Packets.tcp().flags(TcpFlags.FIN | TcpFlags.PSH | TcpFlags.URG)
            .window(1024).ttl(44)),
        Arguments.of("hping3", Packets.tcp().flags(0).window(512).ttl(57).ack(0x2A6F_1B3CL)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scannerProbes")
  void scannerProbesNameTheirTool(String tool, Packets probe) {
    Fingerprint f = fingerprinter.classify(probe.build());
    assertEquals(tool, f.tool());
    assertEquals(TrafficKind.PROBE, f.kind());
  }

  @Test
  void unicornscanIsNamedFromItsSecondProbe() {
    int key = 0x0DDB_A11;
    Fingerprint first = fingerprinter.classify(unicorn(33_101, 22, key).build());
    Fingerprint second = fingerprinter.classify(unicorn(47_020, 80, key).build());
    assertEquals(Fingerprint.UNKNOWN_TOOL, first.tool());
    assertEquals("unicornscan", second.tool());
  }

  private static Packets unicorn(int sport, int dport, int key) {
    Packets p = Packets.tcp().ports(sport, dport).window(16_384).ttl(57);
    return p.seq((key ^ Integer.reverseBytes((int) p.dstBits()) ^ (dport << 16 | sport))
        & 0xFFFF_FFFFL);
  }

  @Test
  void aScannersOwnResetIsItsProbeNotBackscatter() {
    // masscan answers the target's RST with a RST of its own stack: window 1200, its IP ID formula.
    Packets rst = Packets.tcp().dst("192.0.2.200").ports(61_000, 8443).seq(0xC0FF_EE12L)
        .flags(TcpFlags.RST).window(1200).ttl(255);
    rst.ipId((int) ((rst.dstBits() ^ 8443 ^ 0xC0FF_EE12L) & 0xFFFF));
    assertEquals(new Fingerprint("masscan", TrafficKind.PROBE, false), fingerprinter.classify(rst.build()));
  }

  @Test
  void backscatterKeepsAnUnknownTool() {
    Fingerprint synAck = fingerprinter.classify(Packets.tcp().src("203.0.113.80").ports(80, 41_000)
        .flags(TcpFlags.SYN | TcpFlags.ACK).ack(0x1A2B_3C4EL).window(65_160).ttl(50)
        .options(0x02, 0x04, 0x05, 0xb4, 0x04, 0x02, 0x08, 0x0a, 0x00, 0x11, 0x22, 0x33,
            0x1A, 0x2B, 0x3C, 0x4D, 0x01, 0x03, 0x03, 0x07).build());
    Fingerprint unreachable = fingerprinter.classify(Packets.icmp(3, 3).src("203.0.113.81")
        .build());
    assertEquals(new Fingerprint("unknown", TrafficKind.BACKSCATTER, false), synAck);
    assertEquals(new Fingerprint("unknown", TrafficKind.BACKSCATTER, false), unreachable);
  }

  @Test
  void verdictsAreSharedConstants() {
    Observation a = KernelSyns.linux().src("198.51.100.20").build();
    Observation b = KernelSyns.windows10().src("198.51.100.21").build();
    assertSame(fingerprinter.classify(a), fingerprinter.classify(b));
    Observation n1 = Packets.tcp().src("198.51.100.22").window(1024).ttl(44)
        .options(0x02, 0x04, 0x05, 0xb4).build();
    Observation n2 = Packets.tcp().src("198.51.100.23").window(1024).ttl(39)
        .options(0x02, 0x04, 0x05, 0xb4).ports(5, 6).build();
    assertSame(fingerprinter.classify(n1), fingerprinter.classify(n2));
  }

  @Test
  void aSourceWhoseHopCountJumpsIsSpoofSuspect() {
    assertFalse(fingerprinter.classify(KernelSyns.linux().ttl(52).build()).spoofSuspect());
    assertFalse(fingerprinter.classify(KernelSyns.linux().ttl(51).ports(1, 2).build())
        .spoofSuspect());
    Fingerprint forged = fingerprinter.classify(KernelSyns.linux().ttl(37).ports(3, 4).build());
    assertTrue(forged.spoofSuspect());
    assertEquals(Fingerprint.UNKNOWN_TOOL, forged.tool());
  }

  @Test
  void nmapsRandomTtlNeverTripsTheSpoofCheck() {
    Random random = new Random(3);
    for (int i = 0; i < 500; i++) {
      int sentTtl = 37 + random.nextInt(23); // tcpip.cc build_ip(): (rand % 23) + 37
      Fingerprint f = fingerprinter.classify(Packets.tcp().window(1024).ttl(sentTtl - 9)
          .ports(53_337, 1 + i).options(0x02, 0x04, 0x05, 0xb4).build());
      assertEquals("nmap", f.tool());
      assertFalse(f.spoofSuspect(), "probe " + i + " ttl " + (sentTtl - 9));
    }
    // Later kernel traffic from that host is not judged by nmap's TTLs either.
    assertFalse(fingerprinter.classify(KernelSyns.linux().ttl(55).build()).spoofSuspect());
  }

  @Test
  void trackedSourcesStayWithinTheBound() {
    Fingerprinter small = new Fingerprinter(64);
    for (int i = 0; i < 5_000; i++) {
      small.classify(KernelSyns.linux().src(IpAddress.ofV4(0x0A00_0000 + i).toString()).build());
    }
    assertEquals(64, small.trackedSources());
  }

  /** Per-packet work must not allocate: measured with HotSpot's per-thread allocation counter. */
  @Test
  void classifyingAllocatesNothing() {
    List<Observation> mix = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      String src = IpAddress.ofV4(0x0A01_0000 + i % 1_500).toString();
      mix.add(KernelSyns.linux().src(src).ttl(40 + i % 30).build());
      mix.add(KernelSyns.macos().src(src).build());
      mix.add(Packets.tcp().src(src).window(1024).ttl(44).options(0x02, 0x04, 0x05, 0xb4).build());
      mix.add(Packets.tcp().src(src).ipId(54321).window(65_535).ttl(241).build());
      mix.add(Packets.icmp(3, 1).src(src).build());
      mix.add(Packets.udp().src(src).build());
    }
    Observation[] packets = mix.toArray(new Observation[0]);
    Fingerprinter f = new Fingerprinter(1_000);
    long sink = 0;
    for (int round = 0; round < 30; round++) {
      sink += run(f, packets);
    }
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(thread);
    for (int round = 0; round < 30; round++) {
      sink += run(f, packets);
    }
    long allocated = threads.getThreadAllocatedBytes(thread) - before;
    long calls = 30L * packets.length;
    assertTrue(sink > 0);
    assertTrue(allocated < 16 * 1024,
        allocated + " bytes allocated over " + calls + " classify() calls");
  }

  private static long run(Fingerprinter f, Observation[] packets) {
    long n = 0;
    for (Observation o : packets) {
      Fingerprint v = f.classify(o);
      n += v.spoofSuspect() ? 2 : 1;
    }
    return n;
  }
}
