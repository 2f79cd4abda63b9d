package org.portscope.plugin.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.wire.BatchId;
import org.portscope.sensor.api.wire.BatchMessage;
import org.portscope.sensor.api.wire.ObservationCodec;
import org.portscope.sensor.api.wire.WireFrames;

class BatcherTest {
  @TempDir
  Path dir;

  private final BatchSealer sealer = new BatchSealer();

  /** Takes the open batch, seals it as the spool writer does, and decodes the frame back. */
  private BatchMessage seal(Batcher batcher, BatchId id) throws Exception {
    byte[] frame = sealer.frame(id, batcher.take());
    ByteBuffer b = ByteBuffer.wrap(frame);
    assertEquals(frame.length - WireFrames.LENGTH_BYTES, b.getInt(), "the length field");
    BatchMessage m = (BatchMessage) WireFrames.decode(b);
    assertEquals(id, m.id());
    return m;
  }

  private BatchMessage seal(Batcher batcher) throws Exception {
    return seal(batcher, BatchId.random());
  }

  @Test
  void aBatchIsDueAtBatchSizeAndItsFrameDecodesToTheSameObservations() throws Exception {
    TestContext ctx = new TestContext(dir, false);
    Batcher batcher = new Batcher(100, 1 << 20, Duration.ofHours(1), ctx.clock());
    List<Observation> in = new ArrayList<>();
    for (int i = 0; i < 99; i++) {
      in.add(Samples.syn(i));
      assertFalse(batcher.add(in.get(i)), "not due at " + (i + 1));
    }
    in.add(Samples.syn(99));
    assertTrue(batcher.add(in.get(99)));

    BatchMessage m = seal(batcher);
    assertEquals(100, m.count());
    assertEquals(in, m.observations());
    assertTrue(m.body().length < m.bodyLength() / 2, "similar records compress well: "
        + m.body().length + " of " + m.bodyLength());
    assertTrue(batcher.isEmpty());
    assertFalse(batcher.add(Samples.syn(100)), "the next batch starts empty");
    assertEquals(List.of(Samples.syn(100)), seal(batcher).observations());
  }

  @Test
  void aBatchIsDueWhenItsEncodedBytesReachBatchBytes() throws Exception {
    int one = ObservationCodec.encode(Samples.syn(0)).length;
    Batcher batcher = new Batcher(1_000, 10 * one, Duration.ofHours(1), new TestContext(dir, false).clock());
    for (int i = 0; i < 9; i++) {
      assertFalse(batcher.add(Samples.syn(i)));
    }
    assertTrue(batcher.add(Samples.syn(9)));
    BatchMessage m = seal(batcher);
    assertEquals(10, m.count());
    assertEquals(10 * one, m.bodyLength());
  }

  @Test
  void aBatchIsDueWhenItsFirstObservationIsBatchAgeOld() {
    TestContext ctx = new TestContext(dir, false);
    Batcher batcher = new Batcher(1_000, 1 << 20, Duration.ofMillis(500), ctx.clock());
    assertFalse(batcher.aged(), "an empty batch is never due");
    ctx.millis.addAndGet(10_000);
    assertFalse(batcher.aged(), "age counts from the first observation, not from the last seal");
    batcher.add(Samples.syn(1));
    ctx.millis.addAndGet(499);
    batcher.add(Samples.syn(2));
    assertFalse(batcher.aged());
    ctx.millis.addAndGet(1);
    assertTrue(batcher.aged());
    assertEquals(2, batcher.take().count());
    assertFalse(batcher.aged());
  }

  @Test
  void anObservationTheWireCannotCarryIsRefusedAndTheBatchKeepsTheOthers() throws Exception {
    Batcher batcher = new Batcher(1_000, 1 << 20, Duration.ofHours(1), new TestContext(dir, false).clock());
    batcher.add(Samples.syn(1));
    Observation s = Samples.syn(2);
    Observation tooLong = new Observation(s.timestampNanos(), s.src(), s.dst(), s.protocol(), s.srcPort(),
        s.dstPort(), s.tcpFlags(), s.seq(), s.ack(), s.window(), s.ttl(), s.ipId(), s.tcpOptions(),
        s.icmpType(), s.icmpCode(), s.payloadLength(), "n".repeat(300), s.fingerprint(), s.anonKeyId());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> batcher.add(tooLong));
    assertTrue(e.getMessage().contains("node"), e.getMessage());
    batcher.add(Samples.syn(3));
    assertEquals(List.of(Samples.syn(1), Samples.syn(3)), seal(batcher).observations());
  }
}
