package org.portscope.plugin.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TimestampResolutionTest {
  @Test
  void decimalResolutions() {
    assertEquals(5_000_000_000L, TimestampResolution.fromOption(0).toNanos(5));
    assertEquals(1_500_000L, TimestampResolution.fromOption(6).toNanos(1_500));
    assertEquals(123L, TimestampResolution.fromOption(9).toNanos(123));
    assertEquals(5_000_000_000_123L, TimestampResolution.fromOption(12).toNanos(5_000_000_000_123_999L));
    assertEquals(1L, TimestampResolution.fromOption(18).toNanos(1_000_000_000L));
  }

  @Test
  void binaryResolutions() {
    assertEquals(2_500_000_000L, TimestampResolution.fromOption(0x81).toNanos(5));
    assertEquals(7_250_000_000L, TimestampResolution.fromOption(0x80 | 32).toNanos((7L << 32) | (1L << 30)));
    // 2^-63 s: the largest fraction is just under one second.
    assertEquals(999_999_999L, TimestampResolution.fromOption(0x80 | 63).toNanos(Long.MAX_VALUE));
    assertEquals(1_000_000_000L, TimestampResolution.fromOption(0x80).toNanos(1));
  }

  @Test
  void unsignedTicksAboveLongMaxAreDividedUnsigned() {
    assertEquals(Long.divideUnsigned(-1L, 1000), TimestampResolution.fromOption(12).toNanos(-1L));
  }

  @Test
  void resolutionsTooFineAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> TimestampResolution.fromOption(19));
    assertThrows(IllegalArgumentException.class, () -> TimestampResolution.fromOption(0x80 | 64));
  }
}
