package org.portscope.sensor.core.fingerprint;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.portscope.sensor.api.TcpFlags;

class UnicornscanRuleTest {
  private static final int SYN_KEY = 0x5EC2_E7A1;

  /**
   * TCPHASHTRACK on a little-endian host: seq = syn_key ^ (s_addr read as a host int) ^
   * ((dport << 16) + sport), with s_addr in network order.
   */
  private static Packets unicorn(String src, String dst, int sport, int dport, int key) {
    Packets p = Packets.tcp().src(src).dst(dst).ports(sport, dport).window(16_384).ttl(57);
    int sAddrAsHostInt = Integer.reverseBytes((int) p.dstBits());
    return p.seq((key ^ sAddrAsHostInt ^ ((dport << 16) + sport)) & 0xFFFF_FFFFL);
  }

  @Test
  void theSecondProbeOfAScanIsRecognised() {
    UnicornscanRule rule = new UnicornscanRule(new SourceTable(16, 1), 0);
    assertFalse(rule.matches(unicorn(Packets.SCANNER, Packets.SENSOR, 33_101, 22, SYN_KEY).build()));
    assertTrue(rule.matches(unicorn(Packets.SCANNER, Packets.SENSOR, 47_020, 80, SYN_KEY).build()));
    assertTrue(rule.matches(unicorn(Packets.SCANNER, "192.0.2.11", 51_777, 80, SYN_KEY).build()));
  }

  @Test
  void aRetransmissionOfTheSameSynIsNot() {
    UnicornscanRule rule = new UnicornscanRule(new SourceTable(16, 1), 0);
    Packets syn = KernelSyns.linux();
    assertFalse(rule.matches(syn.build()));
    assertFalse(rule.matches(syn.build()));
  }

  @Test
  void kernelSynsWithIndependentSequenceNumbersAreNot() {
    UnicornscanRule rule = new UnicornscanRule(new SourceTable(16, 1), 0);
    assertFalse(rule.matches(KernelSyns.linux().ports(51_544, 443).seq(0x8E5F_17A2L).build()));
    assertFalse(rule.matches(KernelSyns.linux().ports(51_546, 443).seq(0x1F00_3C9BL).build()));
    assertFalse(rule.matches(KernelSyns.linux().ports(51_548, 443).seq(0xE2D4_0A77L).build()));
  }

  @Test
  void aNewScanHasANewKey() {
    UnicornscanRule rule = new UnicornscanRule(new SourceTable(16, 1), 0);
    rule.matches(unicorn(Packets.SCANNER, Packets.SENSOR, 33_101, 22, SYN_KEY).build());
    assertFalse(rule.matches(unicorn(Packets.SCANNER, Packets.SENSOR, 33_102, 23, ~SYN_KEY).build()));
    assertTrue(rule.matches(unicorn(Packets.SCANNER, Packets.SENSOR, 33_103, 25, ~SYN_KEY).build()));
  }

  @Test
  void keysAreKeptPerSource() {
    UnicornscanRule rule = new UnicornscanRule(new SourceTable(16, 1), 0);
    rule.matches(unicorn("198.51.100.1", Packets.SENSOR, 40_000, 22, SYN_KEY).build());
    assertFalse(rule.matches(unicorn("198.51.100.2", Packets.SENSOR, 40_001, 80, SYN_KEY).build()));
  }

  @Test
  void anEvictedSourceStartsOver() {
    UnicornscanRule rule = new UnicornscanRule(new SourceTable(2, 1), 0);
    rule.matches(unicorn("198.51.100.1", Packets.SENSOR, 40_000, 22, SYN_KEY).build());
    rule.matches(unicorn("198.51.100.2", Packets.SENSOR, 40_000, 22, 1).build());
    rule.matches(unicorn("198.51.100.3", Packets.SENSOR, 40_000, 22, 2).build());
    assertFalse(rule.matches(unicorn("198.51.100.1", Packets.SENSOR, 40_001, 80, SYN_KEY).build()));
    assertTrue(rule.matches(unicorn("198.51.100.1", Packets.SENSOR, 40_002, 81, SYN_KEY).build()));
  }

  @Test
  void ackBearingSegmentsAreIgnored() {
    UnicornscanRule rule = new UnicornscanRule(new SourceTable(16, 1), 0);
    rule.matches(unicorn(Packets.SCANNER, Packets.SENSOR, 33_101, 22, SYN_KEY).build());
    assertFalse(rule.matches(unicorn(Packets.SCANNER, Packets.SENSOR, 47_020, 80, SYN_KEY)
        .flags(TcpFlags.SYN | TcpFlags.ACK).build()));
  }
}
