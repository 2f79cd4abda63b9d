package org.portscope.plugin.abuseipdb;

import java.time.Duration;

/** How AbuseIPDB answered one request. */
sealed interface ApiOutcome {
  /** Accepted; {@code saved} reports stored (1 for a single report). */
  record Accepted(int saved, int invalid) implements ApiOutcome {}

  /** 429: wait {@code retryAfter} before the next request (AbuseIPDB's daily or per-second limit). */
  record RateLimited(Duration retryAfter, String detail) implements ApiOutcome {}

  /** Refused for good (bad key, invalid input, the address reported within 15 minutes): not retried. */
  record Rejected(int status, String detail) implements ApiOutcome {}

  /** The network or the server failed (5xx): worth retrying later. */
  record Failed(String detail) implements ApiOutcome {}
}
