package org.portscope.plugin.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.portscope.sensor.api.wire.Ack;
import org.portscope.sensor.api.wire.BatchId;
import org.portscope.sensor.api.wire.BatchMessage;
import org.portscope.sensor.api.wire.Compression;
import org.portscope.sensor.api.wire.RefusalReason;
import org.portscope.sensor.api.wire.WireFrames;
import org.portscope.sensor.api.wire.WireLimits;

class AckDecoderTest {
  private static EmbeddedChannel channel() {
    return new EmbeddedChannel(new LengthFieldBasedFrameDecoder(WireFrames.LENGTH_BYTES + WireLimits.MAX_FRAME_BYTES,
        0, WireFrames.LENGTH_BYTES, 0, WireFrames.LENGTH_BYTES), AckDecoder.INSTANCE);
  }

  @Test
  void acksSplitAndCoalescedByTheStreamComeOutWhole() {
    EmbeddedChannel ch = channel();
    Ack stored = Ack.stored(BatchId.random());
    Ack refused = Ack.refused(BatchId.random(), RefusalReason.MALFORMED, "record 3: IP version 9");
    byte[] a = WireFrames.encode(stored);
    byte[] b = WireFrames.encode(refused);
    byte[] stream = new byte[a.length + b.length];
    System.arraycopy(a, 0, stream, 0, a.length);
    System.arraycopy(b, 0, stream, a.length, b.length);

    assertFalse(ch.writeInbound(Unpooled.wrappedBuffer(stream, 0, 3)), "a length field cut short");
    assertTrue(ch.writeInbound(Unpooled.wrappedBuffer(stream, 3, a.length + 5 - 3)));
    assertEquals(stored, ch.readInbound());
    assertNull(ch.readInbound());
    assertTrue(ch.writeInbound(Unpooled.wrappedBuffer(stream, a.length + 5, b.length - 5)));
    assertEquals(refused, ch.readInbound());
    assertFalse(ch.finish());
  }

  @Test
  void aBatchFromTheHubIsAProtocolError() {
    EmbeddedChannel ch = channel();
    byte[] frame = WireFrames.encode(BatchMessage.of(BatchId.random(), List.of(Samples.syn(1)), Compression.NONE));
    DecoderException e = assertThrows(DecoderException.class, () -> ch.writeInbound(Unpooled.wrappedBuffer(frame)));
    assertTrue(e.getMessage().contains("only ACK expected"), e.getMessage());
    ch.finishAndReleaseAll();
  }

  @Test
  void anUnknownFrameTypeIsRefusedWithTheWireMessage() {
    EmbeddedChannel ch = channel();
    DecoderException e = assertThrows(DecoderException.class,
        () -> ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 1, 9})));
    assertTrue(e.getMessage().contains("unknown frame type 9"), e.getMessage());
    ch.finishAndReleaseAll();
  }
}
