package org.portscope.sensor.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class PortSetTest {
  @Test
  void namesItsPortsInOrderForTheLog() {
    assertEquals("none", PortSet.EMPTY.toString());
    assertEquals("22, 8080", PortSet.EMPTY.with(8080).with(22).toString());
    assertEquals("0, 65535", PortSet.EMPTY.with(65_535).with(0).toString());
  }

  @Test
  void aLongListIsCutAfterTwentyPorts() {
    BitSet ports = new BitSet();
    ports.set(1000, 1100);
    String text = PortSet.of(ports).toString();
    assertEquals("1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1010, 1011, 1012,"
        + " 1013, 1014, 1015, 1016, 1017, 1018, 1019, … (100 in all)", text);
  }
}
