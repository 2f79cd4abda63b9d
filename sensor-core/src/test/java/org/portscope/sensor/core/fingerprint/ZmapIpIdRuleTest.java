package org.portscope.sensor.core.fingerprint;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ZmapIpIdRuleTest {
  private final ZmapIpIdRule rule = new ZmapIpIdRule();

  @Test
  void zmap2SynHasId54321Window65535AndNoOptions() {
    assertTrue(rule.matches(Packets.tcp().ipId(54321).window(65_535).ttl(241).build()));
  }

  @Test
  void zmap3And4SynAddsALoneMss1460() {
    assertTrue(rule.matches(Packets.tcp().ipId(54321).window(65_535).ttl(241)
        .options(0x02, 0x04, 0x05, 0xb4).build()));
  }

  @Test
  void udpAndIcmpEchoProbesSentWithTtl255() {
    assertTrue(rule.matches(Packets.udp().ipId(54321).ttl(244).build()));
    assertTrue(rule.matches(Packets.icmp(8, 0).ipId(54321).ttl(255).build()));
  }

  @Test
  void udpAndIcmpWithTheIdButAKernelTtlAreNot() {
    assertFalse(rule.matches(Packets.udp().ipId(54321).ttl(52).build()));
    assertFalse(rule.matches(Packets.icmp(8, 0).ipId(54321).ttl(116).build()));
  }

  @Test
  void aKernelSynThatHappensToUse54321IsNotZmap() {
    assertFalse(rule.matches(KernelSyns.linux().ipId(54321).build()));
  }

  @Test
  void otherIdsAndIcmpRepliesAreNot() {
    assertFalse(rule.matches(Packets.tcp().ipId(54320).window(65_535).build()));
    assertFalse(rule.matches(Packets.icmp(0, 0).ipId(54321).build()));
  }

  @Test
  void ipv6HasNoIpId() {
    assertFalse(rule.matches(Packets.tcp().v6().window(65_535).build()));
  }
}
