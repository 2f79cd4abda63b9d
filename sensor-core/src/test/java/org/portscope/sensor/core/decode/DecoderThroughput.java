package org.portscope.sensor.core.decode;

import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.portscope.sensor.api.RawFrame;

/**
 * A quick figure, not a benchmark harness: frames per second decoded by one thread over the mixed
 * {@link Corpus} (every link type; TCP, UDP, ICMP, fragments, IPv6 chains, ARP), shuffled.
 * Run: {@code java -cp sensor-core/target/test-classes:sensor-core/target/classes:<sensor-api jar>
 * org.portscope.sensor.core.decode.DecoderThroughput [seconds]}.
 */
public final class DecoderThroughput {
  private DecoderThroughput() {}

  public static void main(String[] args) {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
    List<RawFrame> list = Corpus.frames();
    Collections.shuffle(list, new Random(1));
    RawFrame[] frames = list.toArray(RawFrame[]::new);
    PacketDecoder decoder = new PacketDecoder();
    PacketView view = new PacketView();
    run("warm-up", decoder, view, frames, 2.0); // let the JIT compile the decoder
    for (int i = 1; i <= 3; i++) {
      run("run " + i, decoder, view, frames, seconds);
    }
  }

  private static void run(
      String label, PacketDecoder decoder, PacketView view, RawFrame[] frames, double secs) {
    long deadline = System.nanoTime() + (long) (secs * 1e9);
    long start = System.nanoTime();
    long count = 0;
    long sink = 0;
    while (System.nanoTime() < deadline) {
      for (int r = 0; r < 1000; r++) {
        for (RawFrame f : frames) {
          sink += decoder.decode(f, view).ordinal() + view.dstPort();
        }
      }
      count += 1000L * frames.length;
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    System.out.printf("%s: %d frames (%d distinct) in %.2f s: %.1f million frames/s (sink %d)%n",
        label, count, frames.length, elapsed, count / elapsed / 1e6, sink);
  }
}
