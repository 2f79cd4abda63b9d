package org.portscope.sensor.core.pipeline;

import java.util.List;
import org.portscope.sensor.api.Anonymizer;
import org.portscope.sensor.api.Fingerprint;
import org.portscope.sensor.api.Metrics;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.RawFrame;
import org.portscope.sensor.core.decode.DecodeOutcome;
import org.portscope.sensor.core.decode.PacketDecoder;
import org.portscope.sensor.core.decode.PacketView;
import org.portscope.sensor.core.fingerprint.Fingerprinter;

/**
 * Turns frames into observations and hands them on: decode → closed-port filter → fingerprint →
 * raw forwarders → anonymizer → every other forwarder. Single-threaded: one instance belongs to
 * the thread that calls {@link #process}; nothing here throws for bad packets.
 */
public final class PacketPipeline {
  private final String node;
  private final PacketDecoder decoder = new PacketDecoder();
  private final PacketView view = new PacketView();
  private final TrafficFilter filter;
  private final Fingerprinter fingerprinter;
  private final Anonymizer anonymizer;
  private final ForwardingStage[] rawSinks;
  private final ForwardingStage[] anonymizedSinks;
  private final PipelineCounters counters;

  PacketPipeline(String node, TrafficFilter filter, Fingerprinter fingerprinter,
      Anonymizer anonymizer, List<ForwardingStage> forwarders, Metrics metrics) {
    this.node = node;
    this.filter = filter;
    this.fingerprinter = fingerprinter;
    this.anonymizer = anonymizer;
    this.rawSinks = forwarders.stream().filter(f -> f.raw).toArray(ForwardingStage[]::new);
    this.anonymizedSinks = forwarders.stream().filter(f -> !f.raw).toArray(ForwardingStage[]::new);
    this.counters = new PipelineCounters(metrics);
  }

  public void process(RawFrame frame) {
    counters.frames.increment();
    DecodeOutcome outcome = decoder.decode(frame, view);
    if (outcome != DecodeOutcome.OK) {
      counters.outcome(outcome);
      return;
    }
    counters.decoded.increment();
    Disposition d = filter.classify(view.ipVersion(), view.srcHi(), view.srcLo(), view.dstHi(),
        view.dstLo(), view.protocol(), view.srcPort(), view.dstPort(), view.tcpFlags(),
        view.icmpType(), view.timestampNanos());
    if (d != Disposition.RECORD) {
      counters.skipped(d);
      return;
    }
    Observation raw = view.toObservation(node);
    Fingerprint verdict = fingerprinter.classify(raw);
    raw = raw.withFingerprint(verdict);
    counters.observations.increment();
    counters.verdict(verdict.tool(), verdict.kind());
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
      Observation out = anonymizer.anonymize(raw);
      if (out != null && !out.isRaw()) {
        return out;
      }
    } catch (RuntimeException e) {
      // counted below; the anonymizer's own message may contain an address, so it is not logged
    }
    counters.anonymizerErrors.increment();
    return null;
  }

  /** Called when no frame is waiting, and at the end. */
  public void flush() {
    for (ForwardingStage sink : rawSinks) {
      sink.flush();
    }
    for (ForwardingStage sink : anonymizedSinks) {
      sink.flush();
    }
  }

  /** Counts a frame that never reached {@link #process} because the queue was full. */
  void dropped() {
    counters.dropped.increment();
  }
}
