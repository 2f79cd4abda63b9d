package org.portscope.sensor.core.pipeline;

import java.util.List;
import org.portscope.sensor.api.Anonymizer;
import org.portscope.sensor.api.Metrics;
import org.portscope.sensor.api.Metrics.Counter;
import org.portscope.sensor.api.Observation;

/**
 * The last part of the pipeline: raw forwarders get the observation as recorded, then the
 * anonymizer runs, then every other forwarder gets its result. Single-threaded, except that the
 * anonymizer is also used by {@link PolicyRelay} on listener threads: both hold its monitor.
 */
final class Delivery implements ObservationSink {
  private final Anonymizer anonymizer;
  private final ForwardingStage[] rawSinks;
  private final ForwardingStage[] anonymizedSinks;
  private final Counter anonymizerErrors;

  Delivery(Anonymizer anonymizer, List<ForwardingStage> forwarders, Metrics metrics) {
    this.anonymizer = anonymizer;
    this.rawSinks = forwarders.stream().filter(f -> f.raw).toArray(ForwardingStage[]::new);
    this.anonymizedSinks = forwarders.stream().filter(f -> !f.raw).toArray(ForwardingStage[]::new);
    this.anonymizerErrors = metrics.counter("portscope_anonymizer_errors_total",
        "Observations withheld from anonymized forwarders because the anonymizer failed");
  }

  @Override
  public void accept(Observation raw) {
    for (ForwardingStage sink : rawSinks) {
      sink.accept(raw);
    }
    if (anonymizedSinks.length == 0) {
      return;
    }
    Observation anonymized = anonymize(raw);
    if (anonymized == null) {
      return;
    }
    for (ForwardingStage sink : anonymizedSinks) {
      sink.accept(anonymized);
    }
  }

  /**
   * The anonymizer's result, or null when it failed or returned a raw observation: then nothing
   * reaches the anonymized sinks, since a raw address must never leak to them.
   */
  private Observation anonymize(Observation raw) {
    try {
      Observation out;
      synchronized (anonymizer) {
        out = anonymizer.anonymize(raw);
      }
      if (out != null && !out.isRaw()) {
        return out;
      }
    } catch (RuntimeException e) {
      // counted below; the anonymizer's own message may contain an address, so it is not logged
    }
    anonymizerErrors.increment();
    return null;
  }

  @Override
  public void flush() {
    for (ForwardingStage sink : rawSinks) {
      sink.flush();
    }
    for (ForwardingStage sink : anonymizedSinks) {
      sink.flush();
    }
  }
}
