package org.portscope.sensor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PortRangesTest {
  @Test
  void rangesAndSinglePortsParseAndCount() {
    PortRanges p = PortRanges.parse(List.of("10000-10100", " 8080 ", "20000 - 20001"));
    assertEquals(101 + 1 + 2, p.count());
    assertTrue(p.contains(10000) && p.contains(10100) && p.contains(8080) && p.contains(20001));
    assertFalse(p.contains(9999) || p.contains(10101) || p.contains(8081));
    assertEquals("8080,10000-10100,20000-20001", p.toString(), "in ascending order");
    assertEquals(p, PortRanges.parse(List.of(p.toString().split(","))), "toString reads back");
    assertFalse(PortRanges.NONE.contains(1));
    assertEquals(0, PortRanges.NONE.count());
  }

  /**
   * A listener binds one socket per port of its ranges and refuses more than it can bind: a port
   * given twice must count once and be bound once, not be taken for a port a service holds.
   */
  @Test
  void overlappingAndAdjacentRangesAreMerged() {
    PortRanges p = PortRanges.parse(List.of("10050-10200", "10000-10100", "10201", "8080", "8080", "9000-9001"));
    assertEquals("8080,9000-9001,10000-10201", p.toString());
    assertEquals(1 + 2 + 202, p.count());
    assertEquals(List.of(new PortRanges.Range(8080, 8080), new PortRanges.Range(9000, 9001),
        new PortRanges.Range(10000, 10201)), p.ranges());
    assertEquals(p, new PortRanges(List.of(new PortRanges.Range(10000, 10201), new PortRanges.Range(9000, 9001),
        new PortRanges.Range(8080, 8080))), "built from ranges, the same");
  }

  @Test
  void aBadItemIsNamedWithWhatWasExpected() {
    for (String bad : List.of("0", "65536", "20-10", "1-2-3", "http", "-5", "")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> PortRanges.parse(List.of("22", bad)), bad);
      assertTrue(e.getMessage().contains("'" + bad + "'") && e.getMessage().contains("FIRST-LAST"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> PortRanges.parse(List.of()));
  }
}
