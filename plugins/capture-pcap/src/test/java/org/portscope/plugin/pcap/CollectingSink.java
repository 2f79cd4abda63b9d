package org.portscope.plugin.pcap;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.portscope.sensor.api.FrameSink;
import org.portscope.sensor.api.RawFrame;

/** A FrameSink that keeps every frame and remembers which method delivered it. */
final class CollectingSink implements FrameSink {
  final List<RawFrame> offered = new CopyOnWriteArrayList<>();
  final List<RawFrame> put = new CopyOnWriteArrayList<>();
  /** What the source said it captures, once per capturing() call. */
  final List<String> capturing = new CopyOnWriteArrayList<>();
  /** Counted down when the source says frames will flow. */
  final java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
  private final Consumer<RawFrame> onFrame;

  CollectingSink() {
    this(frame -> {});
  }

  /** {@code onFrame} runs on the capture thread after each frame is kept. */
  CollectingSink(Consumer<RawFrame> onFrame) {
    this.onFrame = onFrame;
  }

  @Override
  public boolean offer(RawFrame frame) {
    offered.add(frame);
    onFrame.accept(frame);
    return true;
  }

  @Override
  public void put(RawFrame frame) {
    put.add(frame);
    onFrame.accept(frame);
  }

  @Override
  public void capturing(String description) {
    if (!offered.isEmpty() || !put.isEmpty()) {
      throw new AssertionError("capturing() after the first frame");
    }
    capturing.add(description);
    started.countDown();
  }
}
