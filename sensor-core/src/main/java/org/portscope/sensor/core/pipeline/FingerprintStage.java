package org.portscope.sensor.core.pipeline;

import java.util.HashMap;
import java.util.Map;
import org.portscope.sensor.api.Fingerprint;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.TrafficKind;
import org.portscope.sensor.core.fingerprint.Fingerprinter;
import org.portscope.sensor.core.metrics.MetricsRegistry;
import org.portscope.sensor.core.metrics.MetricsRegistry.OwnedCounter;

/**
 * Stamps each observation with the {@link Fingerprinter}'s verdict, counts it by tool and kind,
 * and hands it on. Single-threaded, like the fingerprinter: it runs on the pipeline's thread, or
 * on a {@link DeliveryLane}'s when there is nothing to deliver, so that a replay without output
 * uses a second core too. Either way it sees the observations in capture order.
 */
final class FingerprintStage implements ObservationSink {
  private final Fingerprinter fingerprinter;
  private final ObservationSink next;
  private final MetricsRegistry metrics;
  private final OwnedCounter observations;
  private final OwnedCounter[] kinds = new OwnedCounter[TrafficKind.values().length];
  private final Map<String, OwnedCounter> tools = new HashMap<>();
  /** The last verdict counted: scans come in runs, so this spares most tool lookups. */
  private Fingerprint lastVerdict;
  private OwnedCounter lastTool;

  /**
   * @param next where stamped observations go, or null when nothing takes them (no forwarder, no
   *     listener): then the verdicts are only counted
   */
  FingerprintStage(Fingerprinter fingerprinter, ObservationSink next, MetricsRegistry metrics) {
    this.fingerprinter = fingerprinter;
    this.next = next;
    this.metrics = metrics;
    observations = metrics.ownedCounter("portscope_observations_total",
        "Packets recorded as observations (inbound, unsolicited, to a closed port)");
    for (TrafficKind k : TrafficKind.values()) {
      kinds[k.ordinal()] = metrics.ownedCounter("portscope_fingerprint_kind_total",
          "Observations by kind", "kind", k.label());
    }
  }

  /**
   * Counts the verdict and, when something takes observations, hands on a stamped copy. A replay
   * without output builds no copy: copying reads every field of an observation the pipeline thread
   * wrote, which on the lane's thread cost 5-7 % of a replay.
   */
  @Override
  public void accept(Observation raw) {
    Fingerprint verdict = fingerprinter.classify(raw);
    count(verdict);
    if (next != null) {
      next.accept(raw.withFingerprint(verdict));
    }
  }

  @Override
  public void flush() {
    if (next != null) {
      next.flush();
    }
  }

  private void count(Fingerprint verdict) {
    observations.increment();
    kinds[verdict.kind().ordinal()].increment();
    if (verdict != lastVerdict) {
      lastTool = tool(verdict.tool());
      lastVerdict = verdict;
    }
    lastTool.increment();
  }

  private OwnedCounter tool(String tool) {
    OwnedCounter c = tools.get(tool);
    if (c == null) {
      c = metrics.ownedCounter("portscope_fingerprint_tool_total", "Observations by scanner tool",
          "tool", tool);
      tools.put(tool, c);
    }
    return c;
  }
}
