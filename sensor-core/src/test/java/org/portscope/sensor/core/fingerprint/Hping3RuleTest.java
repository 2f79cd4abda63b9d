package org.portscope.sensor.core.fingerprint;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.portscope.sensor.api.TcpFlags;

class Hping3RuleTest {
  private final Hping3Rule rule = new Hping3Rule();

  /** send_tcp(): window 512, no options, th_ack = htonl(rand()) even without the ACK flag. */
  private static Packets hping(int flags) {
    return Packets.tcp().flags(flags).window(512).ttl(57).ack(0x2A6F_1B3CL).seq(0x6B8B_4567L)
        .ports(2_183, 0);
  }

  @Test
  void defaultNoFlagProbeToPortZero() {
    assertTrue(rule.matches(hping(0).build()));
  }

  @Test
  void synAndFinProbes() {
    assertTrue(rule.matches(hping(TcpFlags.SYN).ports(2_184, 80).build()));
    assertTrue(rule.matches(hping(TcpFlags.FIN).build()));
  }

  @Test
  void aZeroAckFieldIsWhatKernelsSend() {
    assertFalse(rule.matches(hping(TcpFlags.SYN).ack(0).build()));
  }

  @Test
  void optionsOrAnotherWindowAreNot() {
    assertFalse(rule.matches(hping(TcpFlags.SYN).options(0x02, 0x04, 0x05, 0xb4).build()));
    assertFalse(rule.matches(hping(TcpFlags.SYN).window(1024).build()));
  }

  @Test
  void ackBearingSegmentsAreNotClaimed() {
    assertFalse(rule.matches(hping(TcpFlags.ACK).build()));
    assertFalse(rule.matches(hping(TcpFlags.RST).build()));
  }
}
