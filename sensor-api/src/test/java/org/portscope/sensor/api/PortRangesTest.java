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
    assertEquals("10000-10100,8080,20000-20001", p.toString());
    assertEquals(p, PortRanges.parse(List.of(p.toString().split(","))), "toString reads back");
    assertFalse(PortRanges.NONE.contains(1));
    assertEquals(0, PortRanges.NONE.count());
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
