package org.portscope.sensor.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AnonKeyIdTest {
  @Test
  void keyIdsAreOneToSixtyFourSafeCharacters() {
    for (String ok : new String[] {"a", "uni-x_2026.a", "Z9", "x".repeat(64)}) {
      assertTrue(Observation.isAnonKeyId(ok), ok);
    }
    for (String bad : new String[] {null, "", "x".repeat(65), "a b", "a/b", "ä", "a\"", "a\n", "key:1"}) {
      assertFalse(Observation.isAnonKeyId(bad), String.valueOf(bad));
    }
  }
}
