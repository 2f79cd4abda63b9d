package org.portscope.plugin.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private static final Duration BASE = Duration.ofMillis(100);
  private static final Duration MAX = Duration.ofSeconds(30);

  @Test
  void theCeilingDoublesFromBaseAndStaysAtMax() {
    Backoff b = new Backoff(BASE, MAX, new SplittableRandom(1));
    assertEquals(100_000_000L, b.ceilingNanos(0));
    assertEquals(200_000_000L, b.ceilingNanos(1));
    assertEquals(25_600_000_000L, b.ceilingNanos(8));
    assertEquals(MAX.toNanos(), b.ceilingNanos(9));
    assertEquals(MAX.toNanos(), b.ceilingNanos(62));
    assertEquals(MAX.toNanos(), b.ceilingNanos(Integer.MAX_VALUE), "no overflow however long the outage");
  }

  @Test
  void everyWaitIsWithinZeroAndTheCeilingAndSpreadsOverIt() {
    Backoff b = new Backoff(BASE, MAX, new SplittableRandom(7));
    for (int attempt = 0; attempt < 200; attempt++) {
      long ceiling = b.ceilingNanos(b.failures());
      long wait = b.next().toNanos();
      assertTrue(wait >= 0 && wait <= ceiling, "attempt " + attempt + ": " + wait + " outside [0, " + ceiling + "]");
    }
    // Full jitter: at the cap, waits cover the whole range instead of clustering at the top.
    long min = Long.MAX_VALUE;
    long max = 0;
    for (int i = 0; i < 1000; i++) {
      long wait = b.next().toNanos();
      min = Math.min(min, wait);
      max = Math.max(max, wait);
    }
    assertTrue(min < MAX.toNanos() / 10, "shortest wait " + min);
    assertTrue(max > MAX.toNanos() * 9 / 10, "longest wait " + max);
  }

  @Test
  void aSuccessStartsOverFromBase() {
    Backoff b = new Backoff(BASE, MAX, new SplittableRandom(3));
    for (int i = 0; i < 20; i++) {
      b.next();
    }
    b.reset();
    assertEquals(0, b.failures());
    assertTrue(b.next().compareTo(BASE) <= 0);
    assertEquals(1, b.failures());
  }

  @Test
  void nonsenseBoundsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, MAX, new SplittableRandom()));
    assertThrows(IllegalArgumentException.class, () -> new Backoff(MAX, BASE, new SplittableRandom()));
  }
}
