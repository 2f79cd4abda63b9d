package org.portscope.plugin.pcap;

/**
 * A pcapng interface's timestamp unit, from its {@code if_tsresol} option: 10^-exponent seconds,
 * or 2^-exponent seconds when {@code binary}. Converts timestamps in that unit to nanoseconds.
 *
 * @param binary whether the unit is a negative power of 2 (else of 10)
 * @param exponent the power: 0-18 for decimal units, 0-63 for binary ones
 */
record TimestampResolution(boolean binary, int exponent) {
  /** pcapng's default when an interface has no if_tsresol option. */
  static final TimestampResolution MICROS = new TimestampResolution(false, 6);
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  TimestampResolution {
    if (exponent < 0 || exponent > (binary ? 63 : 18)) {
      throw new IllegalArgumentException("unsupported timestamp resolution "
          + (binary ? "2" : "10") + "^-" + exponent);
    }
  }

  /**
   * The resolution an {@code if_tsresol} byte encodes: the high bit selects base 2, the other
   * seven bits are the exponent.
   *
   * @throws IllegalArgumentException for resolutions finer than a long can count from 1970
   */
  static TimestampResolution fromOption(int value) {
    return new TimestampResolution((value & 0x80) != 0, value & 0x7F);
  }

  /** Nanoseconds since the epoch for {@code ticks} units since the epoch (an unsigned count). */
  long toNanos(long ticks) {
    if (binary) {
      long seconds = ticks >>> exponent;
      long fraction = exponent == 0 ? 0 : ticks & ((1L << exponent) - 1);
      return seconds * NANOS_PER_SECOND + fractionToNanos(fraction);
    }
    if (exponent <= 9) {
      return ticks * POWERS_OF_TEN[9 - exponent];
    }
    return Long.divideUnsigned(ticks, POWERS_OF_TEN[exponent - 9]);
  }

  /** fraction / 2^exponent seconds in nanoseconds, through a 128-bit product so nothing overflows. */
  private long fractionToNanos(long fraction) {
    if (fraction == 0) {
      return 0;
    }
    long high = Math.multiplyHigh(fraction, NANOS_PER_SECOND);
    long low = fraction * NANOS_PER_SECOND;
    return (low >>> exponent) | (high << (64 - exponent));
  }

  @Override
  public String toString() {
    return (binary ? "2" : "10") + "^-" + exponent + " s";
  }

  private static final long[] POWERS_OF_TEN = {
    1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L
  };
}
