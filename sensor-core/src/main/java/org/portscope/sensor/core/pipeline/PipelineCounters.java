package org.portscope.sensor.core.pipeline;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.portscope.sensor.api.Metrics;
import org.portscope.sensor.api.Metrics.Counter;
import org.portscope.sensor.api.TrafficKind;
import org.portscope.sensor.core.decode.DecodeOutcome;

/** The pipeline's per-stage counters, looked up once so the per-packet path only adds. */
final class PipelineCounters {
  final Counter frames;
  final Counter dropped;
  final Counter decoded;
  final Counter observations;
  private final Map<DecodeOutcome, Counter> outcomes = new EnumMap<>(DecodeOutcome.class);
  private final Map<Disposition, Counter> skipped = new EnumMap<>(Disposition.class);
  private final Map<TrafficKind, Counter> kinds = new EnumMap<>(TrafficKind.class);
  private final Map<String, Counter> tools = new HashMap<>();
  private final Metrics metrics;

  PipelineCounters(Metrics m) {
    metrics = m;
    frames = m.counter("portscope_capture_frames_total", "Frames handed over by the capture stage");
    dropped = m.counter("portscope_capture_dropped_total",
        "Frames dropped because the pipeline queue was full");
    decoded = m.counter("portscope_decoder_decoded_total", "Frames decoded to an IP packet");
    observations = m.counter("portscope_observations_total",
        "Packets recorded as observations (inbound, unsolicited, to a closed port)");
    for (DecodeOutcome o : DecodeOutcome.values()) {
      if (o == DecodeOutcome.OK) {
        continue;
      }
      outcomes.put(o, o.malformed()
          ? m.counter("portscope_decoder_malformed_total", "Malformed frames by reason", "reason", o.label())
          : m.counter("portscope_decoder_ignored_total", "Frames that are not IP traffic the sensor"
              + " looks at, by reason", "reason", o.label()));
    }
    for (Disposition d : Disposition.values()) {
      if (d != Disposition.RECORD) {
        skipped.put(d, m.counter("portscope_filter_skipped_total",
            "Decoded packets not recorded, by reason", "reason", d.label()));
      }
    }
    for (TrafficKind k : TrafficKind.values()) {
      kinds.put(k, m.counter("portscope_fingerprint_kind_total", "Observations by kind", "kind", k.label()));
    }
  }

  void outcome(DecodeOutcome o) {
    outcomes.get(o).increment();
  }

  void skipped(Disposition d) {
    skipped.get(d).increment();
  }

  void verdict(String tool, TrafficKind kind) {
    kinds.get(kind).increment();
    Counter c = tools.get(tool);
    if (c == null) {
      c = metrics.counter("portscope_fingerprint_tool_total", "Observations by scanner tool", "tool", tool);
      tools.put(tool, c);
    }
    c.increment();
  }
}
