package org.portscope.plugin.abuseipdb;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends queued reports on its own thread, so the pipeline never waits on AbuseIPDB: one
 * {@code report} request each, or in bulk mode one {@code bulk-report} CSV per interval. Honours
 * the daily quota, pauses for a 429's {@code Retry-After}, retries network and server failures
 * with exponential backoff and jitter up to a number of attempts, and drops (counting) what it
 * cannot send.
 */
final class ReportSender implements Runnable {
  /** AbuseIPDB's bulk-report takes at most 10,000 lines. */
  static final int MAX_BULK = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(ReportSender.class);

  record Settings(int queue, int dailyQuota, int attempts, Duration retryBase, Duration retryMax,
      Duration bulkInterval) {
    boolean bulk() {
      return bulkInterval != null;
    }
  }

  private final AbuseIpDbClient client;
  private final Settings settings;
  private final ReporterMetrics metrics;
  private final InstantSource clock;
  private final DailyQuota quota;
  private final BlockingQueue<Report> queue;
  private volatile boolean closing;

  ReportSender(AbuseIpDbClient client, Settings settings, ReporterMetrics metrics, InstantSource clock) {
    this.client = client;
    this.settings = settings;
    this.metrics = metrics;
    this.clock = clock;
    this.quota = new DailyQuota(settings.dailyQuota());
    this.queue = new ArrayBlockingQueue<>(settings.queue());
  }

  /** Never blocks: a full queue drops the report and counts it. */
  void offer(Report report) {
    if (!queue.offer(report)) {
      metrics.queueFull.increment();
    }
  }

  int queued() {
    return queue.size();
  }

  /** Asks the thread to send what is queued and stop. */
  void close() {
    closing = true;
  }

  @Override
  public void run() {
    try {
      while (!(closing && queue.isEmpty())) {
        List<Report> batch = next();
        if (!batch.isEmpty()) {
          deliver(batch);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    metrics.unsentAtShutdown.add(queue.size());
  }

  private List<Report> next() throws InterruptedException {
    List<Report> batch = new ArrayList<>();
    Report first = queue.poll(200, TimeUnit.MILLISECONDS);
    if (first == null) {
      return batch;
    }
    batch.add(first);
    if (settings.bulk()) {
      long until = System.nanoTime() + settings.bulkInterval().toNanos();
      while (batch.size() < MAX_BULK && !closing) {
        long left = until - System.nanoTime();
        if (left <= 0) {
          break;
        }
        Report more = queue.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
        if (more != null) {
          batch.add(more);
        }
      }
    }
    return batch;
  }

  private void deliver(List<Report> batch) throws InterruptedException {
    if (!quota.take(clock.instant(), batch.size())) {
      metrics.overQuota.add(batch.size());
      return;
    }
    for (int attempt = 1; ; attempt++) {
      ApiOutcome outcome = settings.bulk() ? client.bulkReport(batch) : client.report(batch.get(0));
      if (outcome instanceof ApiOutcome.Accepted a) {
        metrics.sent.add(a.saved());
        metrics.rejected.add(batch.size() - a.saved());
        return;
      }
      if (outcome instanceof ApiOutcome.Rejected r) {
        metrics.rejected.add(batch.size());
        LOG.warn("AbuseIPDB refused {} report(s): {} {}", batch.size(), r.status(), r.detail());
        return;
      }
      if (outcome instanceof ApiOutcome.RateLimited limited) {
        metrics.rateLimited.increment();
        LOG.warn("AbuseIPDB rate limit ({}): pausing {} s", limited.detail(), limited.retryAfter().toSeconds());
        pause(limited.retryAfter());
        attempt = 0; // a rate limit is not a failure of this report
        continue;
      }
      ApiOutcome.Failed f = (ApiOutcome.Failed) outcome;
      if (attempt >= settings.attempts()) {
        quota.giveBack(batch.size());
        metrics.failed.add(batch.size());
        LOG.warn("AbuseIPDB unreachable after {} attempts, {} report(s) dropped: {}", attempt, batch.size(), f.detail());
        return;
      }
      metrics.retries.increment();
      pause(backoff(attempt));
    }
  }

  /** Full jitter: a random wait up to {@code base * 2^(attempt-1)}, capped. */
  Duration backoff(int attempt) {
    long ceiling = settings.retryBase().toNanos() << Math.min(attempt - 1, 30);
    ceiling = Math.min(Math.max(ceiling, 1), settings.retryMax().toNanos());
    return Duration.ofNanos(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
  }

  private void pause(Duration wait) throws InterruptedException {
    Thread.sleep(Math.max(1, wait.toMillis())); // the pace AbuseIPDB asks for, not a wait for readiness
  }
}
