package org.portscope.sensor.core.decode;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.portscope.sensor.api.RawFrame;

/** Decoding must not allocate: the pipeline decodes every captured frame on a hot thread. */
class PacketDecoderAllocationTest {
  private static final int ROUNDS = 2_000;

  @Test
  void decodingAllocatesNothing() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assertTrue(threads.isThreadAllocatedMemorySupported()
        && threads.isThreadAllocatedMemoryEnabled(), "this JVM cannot count allocated bytes");
    RawFrame[] frames = Corpus.frames().toArray(RawFrame[]::new);
    PacketDecoder decoder = new PacketDecoder();
    PacketView view = new PacketView();
    int checksum = decodeAll(decoder, view, frames); // loads and links every class on the path

    long before = threads.getCurrentThreadAllocatedBytes();
    checksum += decodeAll(decoder, view, frames);
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    long decoded = (long) ROUNDS * frames.length;
    // A few hundred bytes of slack for the measurement itself; one object per frame would be MBs.
    assertTrue(allocated < 1024,
        allocated + " bytes allocated over " + decoded + " decodes (checksum " + checksum + ")");
  }

  private static int decodeAll(PacketDecoder decoder, PacketView view, RawFrame[] frames) {
    int sum = 0;
    for (int r = 0; r < ROUNDS; r++) {
      for (RawFrame f : frames) {
        sum += decoder.decode(f, view).ordinal() + view.payloadLength();
      }
    }
    return sum;
  }

  @Test
  void theCorpusCoversEveryLinkType() {
    List<Integer> seen = Corpus.frames().stream().map(RawFrame::linkType).distinct().toList();
    for (int linkType : Corpus.LINK_TYPES) {
      assertTrue(seen.contains(linkType), "no corpus frame of link type " + linkType);
    }
  }
}
