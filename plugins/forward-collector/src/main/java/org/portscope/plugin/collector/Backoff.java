package org.portscope.plugin.collector;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: before attempt {@code n} (counted from 0 since the last
 * success) wait a uniformly random time in {@code [0, min(max, base * 2^n)]}. The randomness keeps
 * a fleet of nodes from reconnecting in lock-step after a hub restart; the cap bounds how stale a
 * node may get once the hub is back. Not thread-safe: one sender owns it.
 */
final class Backoff {
  private final long baseNanos;
  private final long maxNanos;
  private final RandomGenerator random;
  private int failures;

  Backoff(Duration base, Duration max, RandomGenerator random) {
    this.baseNanos = Objects.requireNonNull(base, "base").toNanos();
    this.maxNanos = Objects.requireNonNull(max, "max").toNanos();
    this.random = Objects.requireNonNull(random, "random");
    if (baseNanos <= 0 || maxNanos < baseNanos) {
      throw new IllegalArgumentException("backoff needs 0 < base <= max, got base " + base + ", max " + max);
    }
  }

  /** The wait before the next attempt; each call counts one more failure. */
  Duration next() {
    long ceiling = ceilingNanos(failures);
    if (failures < 62) {
      failures++;
    }
    return Duration.ofNanos(random.nextLong(ceiling + 1));
  }

  /** The upper bound of the wait after {@code failures} failures. */
  long ceilingNanos(int failures) {
    int shift = Math.min(failures, 62);
    long scaled = baseNanos > (maxNanos >> shift) ? maxNanos : baseNanos << shift;
    return Math.min(maxNanos, scaled);
  }

  /** A connection worked: the next failure starts from {@code base} again. */
  void reset() {
    failures = 0;
  }

  int failures() {
    return failures;
  }
}
