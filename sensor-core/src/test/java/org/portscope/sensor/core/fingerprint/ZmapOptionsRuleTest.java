package org.portscope.sensor.core.fingerprint;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ZmapOptionsRuleTest {
  private final ZmapOptionsRule rule = new ZmapOptionsRule();

  /** What synscan_make_packet() sends since 4.1: window 65535, TTL 64, a random-looking IP ID. */
  private static Packets zmap41() {
    return Packets.tcp().window(65_535).ttl(51).ipId(0xE3A9);
  }

  @Test
  void defaultWindowsLayout() {
    assertTrue(rule.matches(zmap41()
        .options(0x02, 0x04, 0x05, 0xb4, 0x01, 0x03, 0x03, 0x08, 0x01, 0x01, 0x04, 0x02).build()));
  }

  @Test
  void windowsLayoutFromATtl128HostIsNotZmapsDefault() {
    assertFalse(rule.matches(zmap41().ttl(116)
        .options(0x02, 0x04, 0x05, 0xb4, 0x01, 0x03, 0x03, 0x08, 0x01, 0x01, 0x04, 0x02).build()));
  }

  @Test
  void linuxLayoutWithTimestamp() {
    assertTrue(rule.matches(zmap41()
        .options(0x02, 0x04, 0x05, 0xb4, 0x04, 0x02, 0x08, 0x0a, 0x65, 0x5f, 0x1e, 0x00,
            0x00, 0x00, 0x00, 0x00, 0x01, 0x03, 0x03, 0x07).build()));
  }

  @Test
  void linuxLayoutWithOtherKindsIsNot() {
    // Same length, MSS and scale as the linux layout, but FreeBSD's order.
    assertFalse(rule.matches(zmap41()
        .options(0x02, 0x04, 0x05, 0xb4, 0x01, 0x03, 0x03, 0x07, 0x04, 0x02, 0x08, 0x0a,
            0x01, 0x23, 0x45, 0x67, 0x00, 0x00, 0x00, 0x00).build()));
  }

  @Test
  void smallestProbesLoneMss() {
    assertTrue(rule.matches(zmap41().options(0x02, 0x04, 0x05, 0xb4).build()));
  }

  @Test
  void bsdLayoutIsMacosAndNotClaimed() {
    assertFalse(rule.matches(zmap41()
        .options(0x02, 0x04, 0x05, 0xb4, 0x01, 0x03, 0x03, 0x06, 0x01, 0x01, 0x08, 0x0a,
            0x65, 0x5f, 0x1e, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x02, 0x00, 0x00).build()));
  }

  @Test
  void kernelSynsAreNotZmap() {
    assertFalse(rule.matches(KernelSyns.linux().build()));
    assertFalse(rule.matches(KernelSyns.linuxLoopback().build()));
    assertFalse(rule.matches(KernelSyns.windows10().build()));
    assertFalse(rule.matches(KernelSyns.windows7().build()));
    assertFalse(rule.matches(KernelSyns.macos().build()));
    assertFalse(rule.matches(KernelSyns.freebsd().build()));
  }
}
