package org.portscope.sensor.core.pipeline;

import java.util.function.Consumer;
import org.portscope.sensor.core.decode.DecodeOutcome;
import org.portscope.sensor.core.decode.PacketDecoder;
import org.portscope.sensor.core.decode.PacketView;
import org.portscope.sensor.core.metrics.MetricsRegistry;

/**
 * Turns frames into observations: decode → closed-port filter → observation, handed to the next
 * {@link ObservationSink}: a {@link FingerprintStage} on this thread followed by delivery, or,
 * when there is nothing to deliver, the fingerprint stage on a {@link DeliveryLane} of its own.
 * Single-threaded: one instance belongs to the thread that hands it frames; nothing here throws
 * for bad packets.
 *
 * <p>A file source is handed the pipeline itself as its sink and runs it on its own thread, so
 * that no frame waits in a queue and none is dropped: a slow pipeline just makes the read slower.
 * It lends its frames ({@link #lend}), the pipeline's entry itself rather than a wrapper around
 * it: the JIT then compiles the per-packet path once, not once inside the wrapper and once on its
 * own.
 */
public final class PacketPipeline implements InPlaceFrameSink {
  private final String node;
  private final PacketDecoder decoder = new PacketDecoder();
  private final PacketView view = new PacketView();
  private final TrafficFilter filter;
  private final ObservationSink sink;
  private final PipelineCounters counters;
  private final Consumer<String> onCapturing;

  /** @param sink where observations go, not yet fingerprinted: a {@link FingerprintStage} first */
  PacketPipeline(String node, TrafficFilter filter, ObservationSink sink, MetricsRegistry metrics,
      Consumer<String> onCapturing) {
    this.node = node;
    this.onCapturing = onCapturing;
    this.filter = filter;
    this.sink = sink;
    this.counters = new PipelineCounters(metrics);
  }

  @Override
  public void capturing(String description) {
    onCapturing.accept(description);
  }

  /**
   * Decodes and filters the frame and hands on its observation, if it makes one.
   * The observation copies what it keeps, so a file source's lent array is free again when this
   * returns.
   */
  @Override
  public void lend(long timestampNanos, int linkType, byte[] data, int length, int wireLength) {
    counters.frames.increment();
    DecodeOutcome outcome = decoder.decode(timestampNanos, linkType, data, length, wireLength, view);
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
    sink.accept(view.toObservation(node));
  }

  /** Called when no frame is waiting, and at the end. */
  public void flush() {
    sink.flush();
  }

  /** Counts a frame that never reached the pipeline because the live queue was full. */
  void dropped() {
    counters.dropped.increment();
  }
}
