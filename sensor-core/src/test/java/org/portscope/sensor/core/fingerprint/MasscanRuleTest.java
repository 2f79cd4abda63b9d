package org.portscope.sensor.core.fingerprint;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.portscope.sensor.api.TcpFlags;

class MasscanRuleTest {
  private final MasscanRule rule = new MasscanRule();

  /** template_set_target_ipv4(): ip_id = ip_them ^ port_them ^ seqno, low 16 bits on the wire. */
  private static Packets masscanSyn(long seq) {
    Packets p = Packets.tcp().dst("192.0.2.200").ports(61_000, 8443).seq(seq).ttl(243);
    return p.ipId((int) ((p.dstBits() ^ p.dstPort() ^ seq) & 0xFFFF));
  }

  @Test
  void release132SynWindow1024WithoutOptions() {
    assertTrue(rule.matches(masscanSyn(0xC0FF_EE11L).window(1024).build()));
  }

  @Test
  void masterSynWindow1025WithMss() {
    assertTrue(rule.matches(masscanSyn(0x0BAD_F00DL).window(1025)
        .options(0x02, 0x04, 0x05, 0xb4).build()));
  }

  @Test
  void observedTtlDoesNotMatter() {
    assertTrue(rule.matches(masscanSyn(0x1234_5678L).window(1024).ttl(255).build()));
    assertTrue(rule.matches(masscanSyn(0x1234_5678L).window(1024).ttl(200).build()));
    assertTrue(rule.matches(masscanSyn(0x1234_5678L).window(1024).ttl(64).build()));
  }

  @Test
  void ipIdOffByOneIsNotMasscan() {
    Packets p = masscanSyn(0xC0FF_EE11L).window(1024);
    int id = p.build().ipId();
    assertFalse(rule.matches(p.ipId((id + 1) & 0xFFFF).build()));
  }

  @Test
  void theRelationAloneIsNotEnoughWithAKernelWindow() {
    assertFalse(rule.matches(masscanSyn(0xC0FF_EE11L).window(64_240).build()));
  }

  @Test
  void onlyPlainSyns() {
    assertFalse(rule.matches(masscanSyn(0xC0FF_EE11L).window(1024)
        .flags(TcpFlags.SYN | TcpFlags.ACK).build()));
  }

  /** Captured from masscan 1.3.2 (Debian 12) ending a connection: RST, window 1200, TTL 255. */
  @Test
  void itsOwnStacksRstWithWindow1200() {
    Packets rst = Packets.tcp().src("10.77.0.1").dst("10.77.0.2").ports(48_777, 8080)
        .flags(TcpFlags.RST).window(1200).ttl(255).seq(1_893_199_646L).ipId(61_580);
    assertTrue(rule.matches(rst.build()));
    assertTrue(rule.matches(rst.window(600).build()));
    assertFalse(rule.matches(rst.window(1200).ipId(61_581).build()));
  }

  @Test
  void kernelSynsAreNotMasscan() {
    assertFalse(rule.matches(KernelSyns.linux().build()));
    assertFalse(rule.matches(KernelSyns.macos().build()));
  }
}
