package org.portscope.sensor.core.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.portscope.sensor.api.IpAddress;

class HopCountFilterTest {
  private static final IpAddress SRC = IpAddress.parse("198.51.100.7");

  private static HopCountFilter filter(int capacity) {
    return new HopCountFilter(new SourceTable(capacity, 1), 0, 2);
  }

  @ParameterizedTest(name = "ttl {0} -> initial {1}, {2} hops")
  @CsvSource({"1, 32, 31", "32, 32, 0", "33, 64, 31", "52, 64, 12", "64, 64, 0", "116, 128, 12",
      "128, 128, 0", "129, 255, 126", "243, 255, 12", "255, 255, 0", "0, 32, 32"})
  void initialTtlIsTheSmallestCommonDefaultNotBelowTheObservedOne(int ttl, int initial, int hops) {
    assertEquals(initial, HopCountFilter.initialTtl(ttl));
    assertEquals(hops, HopCountFilter.hopCount(ttl));
  }

  @Test
  void theFirstPacketOfASourceIsNeverSuspect() {
    assertFalse(filter(8).isSuspect(SRC, 20, false));
  }

  @Test
  void theSameHopCountFromAnotherStackIsConsistent() {
    HopCountFilter f = filter(8);
    f.isSuspect(SRC, 52, false); // Linux, 12 hops
    assertFalse(f.isSuspect(SRC, 243, false)); // masscan from the same host, 12 hops
    assertFalse(f.isSuspect(SRC, 116, false)); // a Windows VM behind it, 12 hops
  }

  @Test
  void driftWithinTheToleranceIsARouteChange() {
    HopCountFilter f = filter(8);
    f.isSuspect(SRC, 52, false);
    assertFalse(f.isSuspect(SRC, 54, false));
    assertFalse(f.isSuspect(SRC, 50, false));
  }

  @Test
  void aHopCountFurtherOffIsSuspectAndTheFirstOneStaysTheReference() {
    HopCountFilter f = filter(8);
    f.isSuspect(SRC, 52, false);
    assertTrue(f.isSuspect(SRC, 49, false));
    assertTrue(f.isSuspect(SRC, 60, false));
    assertFalse(f.isSuspect(SRC, 52, false));
  }

  @Test
  void sourcesUsingARandomTtlToolAreExemptFromThenOn() {
    HopCountFilter f = filter(8);
    f.isSuspect(SRC, 52, false);
    assertFalse(f.isSuspect(SRC, 30, true));
    assertFalse(f.isSuspect(SRC, 41, false));
  }

  @Test
  void aSourceFirstSeenWithARandomTtlIsExempt() {
    HopCountFilter f = filter(8);
    f.isSuspect(SRC, 47, true);
    assertFalse(f.isSuspect(SRC, 30, true));
    assertFalse(f.isSuspect(SRC, 64, false));
  }

  @Test
  void memoryIsBoundedAndSourcesSeenOnceAreForgottenFirst() {
    HopCountFilter f = filter(100);
    for (int i = 0; i < 10_000; i++) {
      f.isSuspect(IpAddress.ofV4(0x0A00_0000 + i), 52, false);
      assertTrue(f.trackedSources() <= 100);
    }
    assertEquals(100, f.trackedSources());
    // 10.0.0.0 was evicted long ago: a different hop count is a fresh first sighting.
    assertFalse(f.isSuspect(IpAddress.ofV4(0x0A00_0000), 30, false));
    // 10.0.39.15 (the last one) is still known.
    assertTrue(f.isSuspect(IpAddress.ofV4(0x0A00_0000 + 9_999), 30, false));
  }

  @Test
  void ipv6UsesTheHopLimitTheSameWay() {
    HopCountFilter f = filter(8);
    IpAddress v6 = IpAddress.parse("2001:db8::7");
    f.isSuspect(v6, 55, false);
    assertFalse(f.isSuspect(v6, 55, false));
    assertTrue(f.isSuspect(v6, 40, false));
  }

  @Test
  void aNegativeToleranceIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new HopCountFilter(new SourceTable(4, 1), 0, -1));
    assertTrue(e.getMessage().contains("-1"));
  }
}
