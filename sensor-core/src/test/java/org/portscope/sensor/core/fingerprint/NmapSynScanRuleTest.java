package org.portscope.sensor.core.fingerprint;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.portscope.sensor.api.TcpFlags;

class NmapSynScanRuleTest {
  private final NmapSynScanRule rule = new NmapSynScanRule();

  private static Packets nmapSyn(int window, int observedTtl) {
    return Packets.tcp().window(window).ttl(observedTtl).ipId(0x3F0B).ports(53_337, 3306)
        .options(0x02, 0x04, 0x05, 0xb4);
  }

  @ParameterizedTest
  @ValueSource(ints = {59, 45, 37, 20})
  void window1024AndALoneMssAtAnyTtlNmapCouldHaveSent(int ttl) {
    assertTrue(rule.matches(nmapSyn(1024, ttl).build()));
  }

  @ParameterizedTest
  @ValueSource(ints = {2048, 3072, 4096})
  void olderReleasesWindowSet(int window) {
    assertTrue(rule.matches(nmapSyn(window, 40).build()));
  }

  @Test
  void releasesBefore2006SentNoOptions() {
    assertTrue(rule.matches(Packets.tcp().window(3072).ttl(40).build()));
  }

  @Test
  void aTtlAbove59WasNotSentByNmapsDefault() {
    assertFalse(rule.matches(nmapSyn(1024, 60).build()));
    assertFalse(rule.matches(nmapSyn(1024, 250).build()));
  }

  @Test
  void otherWindowsOrOptionsAreNot() {
    assertFalse(rule.matches(nmapSyn(1025, 45).build())); // masscan master
    assertFalse(rule.matches(nmapSyn(512, 45).build()));
    assertFalse(rule.matches(Packets.tcp().window(1024).ttl(45).options(0x02, 0x04, 0x05, 0x78)
        .build()));
    assertFalse(rule.matches(Packets.tcp().window(1024).ttl(45)
        .options(0x02, 0x04, 0x05, 0xb4, 0x01, 0x01, 0x04, 0x02).build()));
  }

  @Test
  void onlyPlainSyns() {
    assertFalse(rule.matches(nmapSyn(1024, 45).flags(TcpFlags.SYN | TcpFlags.ACK).build()));
  }

  @Test
  void kernelSynsAreNotNmap() {
    assertFalse(rule.matches(KernelSyns.linux().build()));
    assertFalse(rule.matches(KernelSyns.freebsd().build()));
  }
}
