package org.portscope.sensor.core.fingerprint;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.portscope.sensor.api.TcpFlags;

class MiraiRuleTest {
  private final MiraiRule rule = new MiraiRule();

  /** As scanner.c builds it: no options, TTL 64, random window, seq = destination address. */
  private static Packets miraiSyn(int dport) {
    Packets p = Packets.tcp().dst("203.0.113.45").ports(48_213, dport).window(27_448).ttl(49)
        .ipId(0x5A0C);
    return p.seq(p.dstBits());
  }

  @Test
  void sequenceNumberEqualToTheTargetOnTelnetPortsIsMirai() {
    assertTrue(rule.matches(miraiSyn(23).build()));
    assertTrue(rule.matches(miraiSyn(2323).build()));
  }

  @Test
  void derivedBotsOnOtherPortsAreStillMirai() {
    assertTrue(rule.matches(miraiSyn(7547).build()));
  }

  @Test
  void anyOtherSequenceNumberIsNot() {
    Packets p = miraiSyn(23);
    assertFalse(rule.matches(p.seq(p.dstBits() + 1).build()));
    assertFalse(rule.matches(p.seq(Integer.reverseBytes((int) p.dstBits())).build()));
  }

  @Test
  void onlySynsWithoutAckOrRst() {
    assertFalse(rule.matches(miraiSyn(23).flags(TcpFlags.SYN | TcpFlags.ACK).build()));
    assertFalse(rule.matches(miraiSyn(23).flags(TcpFlags.RST).build()));
  }

  @Test
  void kernelSynsAreNotMirai() {
    assertFalse(rule.matches(KernelSyns.linux().build()));
    assertFalse(rule.matches(KernelSyns.windows10().build()));
  }
}
