package org.portscope.sensor.core.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.portscope.sensor.api.FrameSink;
import org.portscope.sensor.api.RawFrame;

/**
 * The live path: the capture thread offers frames to a bounded queue and never waits; a full queue
 * drops the frame and counts it. The pipeline thread drains the queue in batches and flushes the
 * forwarders whenever the queue runs dry.
 */
final class QueuedFrameSink implements FrameSink {
  private static final RawFrame END = new RawFrame(0, 0, new byte[0]);

  private final BlockingQueue<RawFrame> queue;
  private final PacketPipeline pipeline;

  QueuedFrameSink(int capacity, PacketPipeline pipeline) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.pipeline = pipeline;
  }

  @Override
  public void capturing(String description) {
    pipeline.capturing(description);
  }

  @Override
  public boolean offer(RawFrame frame) {
    if (queue.offer(frame)) {
      return true;
    }
    pipeline.dropped();
    return false;
  }

  @Override
  public void put(RawFrame frame) throws InterruptedException {
    queue.put(frame);
  }

  /** Tells the pipeline thread that capture has ended: it drains what is queued and returns. */
  void end() throws InterruptedException {
    queue.put(END);
  }

  /** The pipeline thread's loop; returns after {@link #end} once everything before it is processed. */
  void drainUntilEnd() throws InterruptedException {
    List<RawFrame> batch = new ArrayList<>(1024);
    while (true) {
      RawFrame first = queue.poll(200, TimeUnit.MILLISECONDS);
      if (first == null) {
        pipeline.flush();
        continue;
      }
      batch.add(first);
      queue.drainTo(batch, 1023);
      for (RawFrame f : batch) {
        if (f == END) {
          pipeline.flush();
          return;
        }
        pipeline.put(f);
      }
      batch.clear();
      if (queue.isEmpty()) {
        pipeline.flush();
      }
    }
  }
}
