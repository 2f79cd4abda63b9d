package org.portscope.sensor.core.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.Protocol;
import org.portscope.sensor.api.RawFrame;

/**
 * A million random and mutated frames: the decoder must never throw, and what it calls OK must be
 * self-consistent. Run another seed with {@code -Dportscope.fuzz.seed=N}; a failure names its seed.
 */
class PacketDecoderFuzzTest {
  private static final int FRAMES = 1_000_000;
  private static final long SEED = Long.getLong("portscope.fuzz.seed", 0x5EED_DEC0DEL);

  private final PacketDecoder decoder = new PacketDecoder();
  private final PacketView view = new PacketView();
  private final List<RawFrame> corpus = Corpus.frames();
  private final SplittableRandom random = new SplittableRandom(SEED);

  @Test
  void nothingEscapesTheDecoder() {
    Map<DecodeOutcome, Integer> seen = new EnumMap<>(DecodeOutcome.class);
    for (int i = 0; i < FRAMES; i++) {
      RawFrame frame = random.nextInt(10) == 0 ? randomFrame() : mutatedFrame();
      DecodeOutcome outcome;
      try {
        outcome = decoder.decode(frame, view);
        checkConsistent(outcome, frame);
      } catch (Throwable t) {
        throw new AssertionError("seed " + SEED + ", frame " + i + ": " + describe(frame), t);
      }
      seen.merge(outcome, 1, Integer::sum);
    }
    System.out.println("decoder fuzz, seed " + SEED + ": " + seen);
    // Every outcome reached shows the mutations get past each layer, not only the first.
    assertEquals(Arrays.asList(DecodeOutcome.values()), List.copyOf(seen.keySet()),
        "seed " + SEED + " reached only " + seen.keySet());
  }

  @Test
  void aLentFrameDecodesAsItsOwnArrayWhateverFollowsIt() {
    // File sources lend one long array per frame (FrameSink.lend): the decoder must stop at the
    // captured length, never at the array's end.
    PacketView own = new PacketView();
    byte[] lent = new byte[4096];
    for (int i = 0; i < FRAMES / 10; i++) {
      RawFrame frame = random.nextInt(10) == 0 ? randomFrame() : mutatedFrame();
      byte[] data = frame.data();
      if (lent.length < data.length + 64) {
        lent = new byte[data.length + 64];
      }
      random.nextBytes(lent);
      System.arraycopy(data, 0, lent, 0, data.length);
      DecodeOutcome expected = decoder.decode(frame, own);
      DecodeOutcome actual = decoder.decode(frame.timestampNanos(), frame.linkType(), lent,
          data.length, frame.wireLength(), view);
      assertEquals(expected, actual, "seed " + SEED + ", frame " + i + ": " + describe(frame));
      assertEquals(fields(own), fields(view), "seed " + SEED + ", frame " + i + ": " + describe(frame));
      assertEquals(data.length, view.capturedLength());
    }
  }

  @Test
  void theTcpSourceShortcutNeverSkipsAFrameTheDecoderWouldCall() {
    // surelyNotTcpFrom may only answer true for frames that, decoded, are not TCP from a wanted
    // source: checked with the sources wanted that make it answer false most often and least often.
    int skipped = 0;
    for (int i = 0; i < FRAMES / 10; i++) {
      RawFrame frame = random.nextInt(10) == 0 ? randomFrame() : mutatedFrame();
      byte[] data = frame.data();
      boolean ok = decoder.decode(frame, view) == DecodeOutcome.OK && view.protocol() == Protocol.TCP;
      int source = ok && view.ipVersion() == 4 ? view.srcV4() : random.nextInt();
      for (IntPredicate wanted : List.<IntPredicate>of(a -> true, a -> a == source, a -> false)) {
        if (PacketDecoder.surelyNotTcpFrom(frame.linkType(), data, data.length, wanted)) {
          skipped++;
          assertFalse(ok && view.ipVersion() == 4 && wanted.test(view.srcV4()),
              "seed " + SEED + ", frame " + i + ": " + describe(frame));
        }
      }
    }
    assertTrue(skipped > 1_000, "the shortcut answered true only " + skipped + " times");
  }

  /** Everything a view tells, except the array it reads. */
  private static List<Object> fields(PacketView v) {
    return Arrays.asList(v.outcome(), v.timestampNanos(), v.linkType(), v.wireLength(),
        v.etherType(), v.vlanTags(), v.vlanId(), v.ipVersion(), v.ipOffset(), v.tos(), v.ttl(),
        v.ipId(), v.dontFragment(), v.fragment(), v.ipProtocol(), v.srcHi(), v.srcLo(), v.dstHi(),
        v.dstLo(), v.transportOffset(), v.protocol(), v.srcPort(), v.dstPort(), v.tcpFlags(),
        v.seq(), v.ack(), v.window(), v.tcpOptionsOffset(), v.tcpOptionsLength(),
        v.tcpOptionsLength() > 0 ? v.tcpOptions() : null, v.icmpType(), v.icmpCode(),
        v.payloadOffset(), v.payloadLength(), v.capturedPayloadLength());
  }

  private RawFrame randomFrame() {
    byte[] data = new byte[random.nextInt(96)];
    random.nextBytes(data);
    int linkType = Corpus.LINK_TYPES[random.nextInt(Corpus.LINK_TYPES.length)];
    return new RawFrame(random.nextLong(), linkType, data, data.length + random.nextInt(3) * 40);
  }

  private RawFrame mutatedFrame() {
    RawFrame base = corpus.get(random.nextInt(corpus.size()));
    byte[] data = base.data().clone();
    int wireLength = base.wireLength();
    int mutations = 1 + random.nextInt(4);
    for (int m = 0; m < mutations && data.length > 0; m++) {
      int at = random.nextInt(data.length);
      switch (random.nextInt(6)) {
        case 0 -> data[at] ^= (byte) (1 << random.nextInt(8));
        case 1 -> data[at] = (byte) random.nextInt(256);
        case 2 -> { // a snap length: captured bytes end, the wire length stays
          data = Arrays.copyOf(data, at);
        }
        case 3 -> { // the packet itself is shorter: capture and wire both end
          data = Arrays.copyOf(data, at);
          wireLength = at;
        }
        case 4 -> { // a length-like 16-bit field near its true value, or anywhere
          if (at + 1 < data.length) {
            int old = (data[at] & 0xFF) << 8 | (data[at + 1] & 0xFF);
            int v = random.nextBoolean() ? old + random.nextInt(-64, 65) : random.nextInt(65536);
            Frames.put16(data, at, v);
          }
        }
        default -> data[at] = (byte) (data[at] & 0xF0 | random.nextInt(16)); // IHL, data offset
      }
    }
    int linkType = random.nextInt(50) == 0
        ? Corpus.LINK_TYPES[random.nextInt(Corpus.LINK_TYPES.length)] : base.linkType();
    if (random.nextInt(100) == 0) {
      linkType = random.nextInt();
    }
    return new RawFrame(base.timestampNanos(), linkType, data, Math.max(wireLength, data.length));
  }

  private void checkConsistent(DecodeOutcome outcome, RawFrame frame) {
    assertEquals(outcome, view.outcome());
    if (outcome != DecodeOutcome.OK) {
      assertEquals(null, view.protocol(), "no transport unless OK");
      return;
    }
    int n = frame.data().length;
    assertTrue(view.ipVersion() == 4 || view.ipVersion() == 6);
    assertTrue(view.ipOffset() >= 0 && view.ipOffset() < view.transportOffset());
    assertTrue(view.transportOffset() < view.payloadOffset());
    assertTrue(view.payloadOffset() <= n || view.capturedPayloadLength() == 0);
    assertTrue(view.payloadLength() >= 0 && view.payloadLength() < 65536);
    int captured = view.capturedPayloadLength();
    assertTrue(captured >= 0 && captured <= view.payloadLength());
    assertTrue(view.payloadOffset() + view.payloadLength() <= frame.wireLength());
    if (view.tcpOptionsLength() > 0) {
      assertTrue(view.tcpOptionsOffset() + view.tcpOptionsLength() <= n);
    }
    Observation o = view.toObservation("fuzz");
    assertEquals(view.ipVersion(), o.ipVersion());
    assertEquals(view.payloadLength(), o.payloadLength());
  }

  private static String describe(RawFrame frame) {
    return "link type " + frame.linkType() + ", wire length " + frame.wireLength() + ", bytes "
        + HexFormat.of().formatHex(frame.data());
  }
}
