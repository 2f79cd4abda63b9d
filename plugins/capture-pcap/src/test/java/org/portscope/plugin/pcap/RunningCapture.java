package org.portscope.plugin.pcap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.portscope.sensor.api.RawFrame;

/** A source running on its own thread in a namespace, with what it delivered. */
final class RunningCapture implements AutoCloseable {
  final String namespace;
  final PcapCaptureSource source;
  final LinkedBlockingQueue<RawFrame> arrivals = new LinkedBlockingQueue<>();
  final CollectingSink sink;
  final List<RawFrame> frames = new ArrayList<>();
  final Set<Integer> seen = new TreeSet<>();
  final Future<Void> running;

  RunningCapture(String namespace, PcapCaptureSource source, Consumer<RawFrame> onFrame) {
    this.namespace = namespace;
    this.source = source;
    this.sink = new CollectingSink(frame -> {
      arrivals.add(frame);
      onFrame.accept(frame);
    });
    ExecutorService executor = NetNs.executor(namespace);
    running = executor.submit(() -> {
      source.run(sink);
      return null;
    });
    executor.shutdown();
  }

  /** Waits for the source to say that frames will flow: its handle is open and filtered. */
  void awaitCapturing() {
    try {
      assertTrue(sink.started.await(10, TimeUnit.SECONDS), "capture in " + namespace + " never started: "
          + (running.isDone() ? "run ended" : "run still opening"));
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** Collects frames until "seq:0".."seq:count-1" were all seen, or 20 s passed. */
  Set<Integer> awaitSequence(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (seen.size() < count) {
      RawFrame frame = arrivals.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (frame == null) {
        break;
      }
      keep(frame);
    }
    return seen;
  }

  private void keep(RawFrame frame) {
    frames.add(frame);
    Udp udp = Udp.of(frame);
    if (udp != null && udp.payload().startsWith("seq:")) {
      seen.add(Integer.parseInt(udp.payload().substring(4)));
    }
  }

  long count(String prefix) {
    return frames.stream().map(Udp::of).filter(u -> u != null && u.payload().startsWith(prefix)).count();
  }

  /** Stops the source, waits for run to return and keeps what arrived meanwhile. */
  void stopAndAwait() {
    source.stop();
    try {
      running.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("capture in " + namespace + " failed", e.getCause());
    } catch (Exception e) {
      throw new AssertionError("capture in " + namespace + " did not stop within 10 s", e);
    }
    List<RawFrame> rest = new ArrayList<>();
    arrivals.drainTo(rest);
    rest.forEach(this::keep);
  }

  @Override
  public void close() {
    source.stop();
    running.cancel(false);
    source.close();
  }
}
