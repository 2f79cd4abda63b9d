package org.portscope.sensor.core.pipeline;

import java.util.function.Consumer;
import org.portscope.sensor.api.FrameSink;
import org.portscope.sensor.api.RawFrame;

/**
 * The file path: the source's own thread runs the pipeline, so no frame waits in a queue and none
 * is dropped. Only for finite sources, where a slow pipeline just makes the read slower.
 */
final class InlineFrameSink implements FrameSink {
  private final PacketPipeline pipeline;
  private final Consumer<String> onCapturing;

  InlineFrameSink(PacketPipeline pipeline, Consumer<String> onCapturing) {
    this.pipeline = pipeline;
    this.onCapturing = onCapturing;
  }

  @Override
  public void capturing(String description) {
    onCapturing.accept(description);
  }

  @Override
  public boolean offer(RawFrame frame) {
    pipeline.process(frame);
    return true;
  }

  @Override
  public void put(RawFrame frame) {
    pipeline.process(frame);
  }
}
