package org.portscope.sensor.core.fingerprint;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.portscope.sensor.api.TcpFlags;

class NmapStealthScanRuleTest {
  private static final int FIN = TcpFlags.FIN;
  private static final int XMAS = TcpFlags.FIN | TcpFlags.PSH | TcpFlags.URG;
  private static final int ACK = TcpFlags.ACK;
  private static final int MAIMON = TcpFlags.FIN | TcpFlags.ACK;

  private final NmapStealthScanRule rule = new NmapStealthScanRule();

  private static Packets probe(int flags) {
    return Packets.tcp().flags(flags).window(1024).ttl(41).ports(61_513, 143);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, FIN, XMAS})
  void nullFinAndXmasCarryTheTryInSeqAndAckZero(int flags) {
    assertTrue(rule.matches(probe(flags).seq(0x5E1F_0000L).ack(0).build()));
    assertFalse(rule.matches(probe(flags).seq(0x5E1F_0000L).ack(0x5E1F_0000L).build()));
  }

  @ParameterizedTest
  @ValueSource(ints = {ACK, MAIMON})
  void ackAndMaimonCarryTheTryInAckAndSeqZero(int flags) {
    assertTrue(rule.matches(probe(flags).seq(0).ack(0x5E1F_0000L).build()));
    assertFalse(rule.matches(probe(flags).seq(0x77AA_0102L).ack(0x5E1F_0000L).build()));
  }

  @Test
  void noOptionsOnTheseProbes() {
    assertFalse(rule.matches(probe(0).options(0x02, 0x04, 0x05, 0xb4).build()));
  }

  @Test
  void windowAndTtlMustFit() {
    assertFalse(rule.matches(probe(FIN).window(1025).build()));
    assertFalse(rule.matches(probe(FIN).ttl(64).build()));
  }

  @Test
  void synsBelongToTheSynRule() {
    assertFalse(rule.matches(probe(TcpFlags.SYN).build()));
  }
}
