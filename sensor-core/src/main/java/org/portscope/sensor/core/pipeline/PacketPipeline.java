package org.portscope.sensor.core.pipeline;

import org.portscope.sensor.api.Fingerprint;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.RawFrame;
import org.portscope.sensor.core.decode.DecodeOutcome;
import org.portscope.sensor.core.decode.PacketDecoder;
import org.portscope.sensor.core.decode.PacketView;
import org.portscope.sensor.core.fingerprint.Fingerprinter;
import org.portscope.sensor.core.metrics.MetricsRegistry;

/**
 * Turns frames into observations: decode → closed-port filter → fingerprint, then hands each to
 * an {@link ObservationSink} (a {@link Delivery}, directly or on its own {@link DeliveryLane}).
 * Single-threaded: one instance belongs to the thread that calls {@link #process}; nothing here
 * throws for bad packets.
 */
public final class PacketPipeline {
  private final String node;
  private final PacketDecoder decoder = new PacketDecoder();
  private final PacketView view = new PacketView();
  private final TrafficFilter filter;
  private final Fingerprinter fingerprinter;
  private final ObservationSink sink;
  private final PipelineCounters counters;

  PacketPipeline(String node, TrafficFilter filter, Fingerprinter fingerprinter,
      ObservationSink sink, MetricsRegistry metrics) {
    this.node = node;
    this.filter = filter;
    this.fingerprinter = fingerprinter;
    this.sink = sink;
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
    counters.verdict(verdict);
    sink.accept(raw);
  }

  /** Called when no frame is waiting, and at the end. */
  public void flush() {
    sink.flush();
  }

  /** Counts a frame that never reached {@link #process} because the queue was full. */
  void dropped() {
    counters.dropped.increment();
  }
}
