package org.portscope.sensor.core.pipeline;

import java.util.EnumMap;
import java.util.Map;
import org.portscope.sensor.api.Metrics.Counter;
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
  private final Map<DecodeOutcome, OwnedCounter> outcomes = new EnumMap<>(DecodeOutcome.class);
  private final Map<Disposition, OwnedCounter> skipped = new EnumMap<>(Disposition.class);

  PipelineCounters(MetricsRegistry m) {
    frames = m.ownedCounter("portscope_capture_frames_total", "Frames handed over by the capture stage");
    dropped = m.counter("portscope_capture_dropped_total",
        "Frames dropped because the pipeline queue was full");
    decoded = m.ownedCounter("portscope_decoder_decoded_total", "Frames decoded to an IP packet");
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
  }

  void outcome(DecodeOutcome o) {
    outcomes.get(o).increment();
  }

  void skipped(Disposition d) {
    skipped.get(d).increment();
  }
}
