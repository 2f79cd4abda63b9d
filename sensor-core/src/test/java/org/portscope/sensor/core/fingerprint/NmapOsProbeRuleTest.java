package org.portscope.sensor.core.fingerprint;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.portscope.sensor.api.TcpFlags;

/** Probes written out from osscan2.cc (prbOpts[], prbWindowSz[], sendT1_7Probe()). */
class NmapOsProbeRuleTest {
  private final NmapOsProbeRule rule = new NmapOsProbeRule();

  /** T2-T6 options: WScale 10, NOP, MSS 265, timestamp 0xFFFFFFFF/0, SACK-permitted. */
  private static Packets withTOptions(Packets p) {
    return p.options(0x03, 0x03, 0x0A, 0x01, 0x02, 0x04, 0x01, 0x09, 0x08, 0x0A, 0xff, 0xff,
        0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0x04, 0x02);
  }

  @Test
  void closedPortProbesT5T6T7() {
    assertTrue(rule.matches(withTOptions(Packets.tcp().flags(TcpFlags.SYN).window(31_337)).build()));
    assertTrue(rule.matches(withTOptions(Packets.tcp().flags(TcpFlags.ACK).window(32_768)).build()));
    // T7 alone uses prbOpts[12], whose window scale is 15 instead of 10.
    assertTrue(rule.matches(Packets.tcp().flags(TcpFlags.FIN | TcpFlags.PSH | TcpFlags.URG)
        .window(65_535).options(0x03, 0x03, 0x0f, 0x01, 0x02, 0x04, 0x01, 0x09, 0x08, 0x0A, 0xff,
            0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0x04, 0x02).build()));
    assertFalse(rule.matches(withTOptions(Packets.tcp()
        .flags(TcpFlags.FIN | TcpFlags.PSH | TcpFlags.URG).window(65_535)).build()));
  }

  @Test
  void firstSequenceProbe() {
    assertTrue(rule.matches(Packets.tcp().window(1)
        .options(0x03, 0x03, 0x0A, 0x01, 0x02, 0x04, 0x05, 0xb4, 0x08, 0x0A, 0xff, 0xff, 0xff,
            0xff, 0x00, 0x00, 0x00, 0x00, 0x04, 0x02).build()));
  }

  @Test
  void ecnProbe() {
    assertTrue(rule.matches(Packets.tcp().flags(TcpFlags.CWR | TcpFlags.ECE | TcpFlags.SYN)
        .window(3).options(0x03, 0x03, 0x0A, 0x01, 0x02, 0x04, 0x05, 0xb4, 0x04, 0x02, 0x01, 0x01)
        .build()));
  }

  @Test
  void rightOptionsWithAnotherWindowOrFlagsAreNot() {
    assertFalse(rule.matches(withTOptions(Packets.tcp().flags(TcpFlags.SYN).window(31_338)).build()));
    assertFalse(rule.matches(withTOptions(Packets.tcp().flags(TcpFlags.ACK).window(31_337)).build()));
  }

  @Test
  void anotherTimestampIsNot() {
    assertFalse(rule.matches(Packets.tcp().flags(TcpFlags.SYN).window(31_337)
        .options(0x03, 0x03, 0x0A, 0x01, 0x02, 0x04, 0x01, 0x09, 0x08, 0x0A, 0x12, 0x34, 0x56,
            0x78, 0x00, 0x00, 0x00, 0x00, 0x04, 0x02).build()));
  }

  @Test
  void kernelSynsAreNot() {
    assertFalse(rule.matches(KernelSyns.linux().build()));
    assertFalse(rule.matches(KernelSyns.macos().build()));
  }
}
