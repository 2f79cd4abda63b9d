package org.portscope.sensor.core.pipeline;

import java.util.Objects;
import org.portscope.sensor.api.Forwarder;
import org.portscope.sensor.api.Metrics.Counter;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.core.metrics.MetricsRegistry;
import org.portscope.sensor.core.metrics.MetricsRegistry.OwnedCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured forwarder with its counters. A forwarder that throws loses that observation (it is
 * counted and logged) but never stops the pipeline or the other forwarders.
 */
final class ForwardingStage {
  private static final Logger LOG = LoggerFactory.getLogger(ForwardingStage.class);

  final String name;
  final boolean raw;
  final Forwarder forwarder;
  private final OwnedCounter accepted;
  private final Counter errors;
  private long lastErrorLog;

  ForwardingStage(String name, boolean raw, Forwarder forwarder, MetricsRegistry metrics) {
    this.name = Objects.requireNonNull(name);
    this.raw = raw;
    this.forwarder = Objects.requireNonNull(forwarder);
    // Owned: observations reach a forwarder from one thread (the delivery lane's, or the pipeline's)
    accepted = metrics.ownedCounter("portscope_forwarder_accepted_total",
        "Observations handed to a forwarder", "forwarder", name);
    errors = metrics.counter("portscope_forwarder_errors_total",
        "Observations or flushes a forwarder failed on", "forwarder", name);
  }

  void accept(Observation o) {
    try {
      forwarder.accept(o);
      accepted.increment();
    } catch (RuntimeException e) {
      failed("accept", e);
    }
  }

  void flush() {
    try {
      forwarder.flush();
    } catch (RuntimeException e) {
      failed("flush", e);
    }
  }

  private void failed(String what, RuntimeException e) {
    errors.increment();
    long now = System.nanoTime();
    if (now - lastErrorLog > 10_000_000_000L) { // at most one line per 10 s per forwarder
      lastErrorLog = now;
      LOG.warn("forwarder {} failed in {}: {} ({} errors so far)", name, what, e.toString(), errors.value());
    }
  }
}
