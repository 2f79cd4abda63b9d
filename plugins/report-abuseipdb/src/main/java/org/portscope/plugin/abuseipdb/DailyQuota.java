package org.portscope.plugin.abuseipdb;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** At most {@code limit} reports per UTC day (AbuseIPDB's quotas reset at midnight UTC). */
final class DailyQuota {
  private final int limit;
  private LocalDate day;
  private int used;

  DailyQuota(int limit) {
    this.limit = limit;
  }

  /** Takes {@code n} from today's quota if that many are left. */
  synchronized boolean take(Instant now, int n) {
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    if (!today.equals(day)) {
      day = today;
      used = 0;
    }
    if (used + n > limit) {
      return false;
    }
    used += n;
    return true;
  }

  /** Gives back what a request that never reached AbuseIPDB took. */
  synchronized void giveBack(int n) {
    used = Math.max(0, used - n);
  }
}
