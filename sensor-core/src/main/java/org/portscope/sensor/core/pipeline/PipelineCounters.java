package org.portscope.sensor.core.pipeline;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.portscope.sensor.api.Fingerprint;
import org.portscope.sensor.api.Metrics.Counter;
import org.portscope.sensor.api.TrafficKind;
import org.portscope.sensor.core.decode.DecodeOutcome;
import org.portscope.sensor.core.metrics.MetricsRegistry;
import org.portscope.sensor.core.metrics.MetricsRegistry.OwnedCounter;

/**
 * The pipeline's per-stage counters, looked up once so the per-packet path only adds. All but
 * {@link #dropped} are owned counters: each is added to by one thread only (the one that runs
 * that step of the pipeline), so an add is a plain store.
 */
final class PipelineCounters {
  final OwnedCounter frames;
  final Counter dropped;
  final OwnedCounter decoded;
  final OwnedCounter observations;
  private final Map<DecodeOutcome, OwnedCounter> outcomes = new EnumMap<>(DecodeOutcome.class);
  private final Map<Disposition, OwnedCounter> skipped = new EnumMap<>(Disposition.class);
  private final OwnedCounter[] kinds = new OwnedCounter[TrafficKind.values().length];
  private final Map<String, OwnedCounter> tools = new HashMap<>();
  private final MetricsRegistry metrics;
  /** The last verdict counted: scans come in runs, so this spares most tool lookups. */
  private Fingerprint lastVerdict;
  private OwnedCounter lastTool;

  PipelineCounters(MetricsRegistry m) {
    metrics = m;
    frames = m.ownedCounter("portscope_capture_frames_total", "Frames handed over by the capture stage");
    dropped = m.counter("portscope_capture_dropped_total",
        "Frames dropped because the pipeline queue was full");
    decoded = m.ownedCounter("portscope_decoder_decoded_total", "Frames decoded to an IP packet");
    observations = m.ownedCounter("portscope_observations_total",
        "Packets recorded as observations (inbound, unsolicited, to a closed port)");
    for (DecodeOutcome o : DecodeOutcome.values()) {
      if (o == DecodeOutcome.OK) {
        continue;
      }
      outcomes.put(o, o.malformed()
          ? m.ownedCounter("portscope_decoder_malformed_total", "Malformed frames by reason", "reason", o.label())
          : m.ownedCounter("portscope_decoder_ignored_total", "Frames that are not IP traffic the sensor"
              + " looks at, by reason", "reason", o.label()));
    }
    for (Disposition d : Disposition.values()) {
      if (d != Disposition.RECORD) {
        skipped.put(d, m.ownedCounter("portscope_filter_skipped_total",
            "Decoded packets not recorded, by reason", "reason", d.label()));
      }
    }
    for (TrafficKind k : TrafficKind.values()) {
      kinds[k.ordinal()] = m.ownedCounter("portscope_fingerprint_kind_total", "Observations by kind",
          "kind", k.label());
    }
  }

  void outcome(DecodeOutcome o) {
    outcomes.get(o).increment();
  }

  void skipped(Disposition d) {
    skipped.get(d).increment();
  }

  /** Counts one observation and its verdict. */
  void verdict(Fingerprint verdict) {
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
