package org.portscope.plugin.abuseipdb;

import org.portscope.sensor.api.Metrics;

/** The reporter's counters: what became of each report, and the API's refusals. */
final class ReporterMetrics {
  private static final String REPORTS = "portscope_abuseipdb_reports_total";
  private static final String HELP = "reports by what became of them";

  final Metrics.Counter sent;
  final Metrics.Counter rejected;
  final Metrics.Counter failed;
  final Metrics.Counter overQuota;
  final Metrics.Counter coolingDown;
  final Metrics.Counter queueFull;
  final Metrics.Counter unsentAtShutdown;
  final Metrics.Counter rateLimited;
  final Metrics.Counter retries;

  ReporterMetrics(Metrics metrics) {
    sent = metrics.counter(REPORTS, HELP, "result", "sent");
    rejected = metrics.counter(REPORTS, HELP, "result", "rejected");
    failed = metrics.counter(REPORTS, HELP, "result", "failed");
    overQuota = metrics.counter(REPORTS, HELP, "result", "over-daily-quota");
    coolingDown = metrics.counter(REPORTS, HELP, "result", "cooling-down");
    queueFull = metrics.counter(REPORTS, HELP, "result", "queue-full");
    unsentAtShutdown = metrics.counter(REPORTS, HELP, "result", "unsent-at-shutdown");
    rateLimited = metrics.counter("portscope_abuseipdb_rate_limited_total", "429 answers (sending paused for Retry-After)");
    retries = metrics.counter("portscope_abuseipdb_retries_total", "requests sent again after a network or server failure");
  }
}
