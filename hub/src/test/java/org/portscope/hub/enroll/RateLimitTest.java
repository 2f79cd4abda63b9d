package org.portscope.hub.enroll;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class RateLimitTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void aBurstThenOneAttemptPerRefillPerSource() throws Exception {
    RateLimit limit = new RateLimit(3, 60); // one a second once the burst is spent
    InetAddress a = InetAddress.getByName("192.0.2.1");
    InetAddress b = InetAddress.getByName("192.0.2.2");
    long t = 5 * SECOND;
    for (int i = 0; i < 3; i++) {
      assertTrue(limit.allow(a, t), "attempt " + i);
    }
    assertFalse(limit.allow(a, t));
    assertTrue(limit.allow(b, t), "another source has its own bucket");
    assertFalse(limit.allow(a, t + SECOND / 2));
    assertTrue(limit.allow(a, t + SECOND + SECOND / 2));
    assertFalse(limit.allow(a, t + SECOND + SECOND / 2));
  }

  @Test
  void aLongPauseRefillsOnlyUpToTheBurst() throws Exception {
    RateLimit limit = new RateLimit(2, 60);
    InetAddress a = InetAddress.getByName("2001:db8::1");
    assertTrue(limit.allow(a, 0));
    assertTrue(limit.allow(a, 0));
    long later = 3600 * SECOND;
    assertTrue(limit.allow(a, later));
    assertTrue(limit.allow(a, later));
    assertFalse(limit.allow(a, later));
  }
}
