package org.portscope.hub.collector;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;
import org.portscope.sensor.api.wire.BatchMessage;
import org.portscope.sensor.api.wire.WireFormatException;
import org.portscope.sensor.api.wire.WireFrames;
import org.portscope.sensor.api.wire.WireMessage;

/**
 * One frame (type and payload) to a {@link BatchMessage}, or to a {@link RefusedFrame} when only
 * its batch id could be read. Anything else (an ACK from a node, an unknown type, no readable id) is
 * a {@link CorruptedFrameException}: the stream is not the collector protocol and is closed.
 * The body stays compressed here; the ingest thread inflates it.
 */
@Sharable
final class WireMessageDecoder extends MessageToMessageDecoder<ByteBuf> {
  WireMessageDecoder() {
    super(ByteBuf.class);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
    WireMessage m;
    try {
      m = WireFrames.decode(frame.nioBuffer());
    } catch (WireFormatException e) {
      if (e.batchId() == null) {
        throw new CorruptedFrameException(e.getMessage(), e);
      }
      out.add(new RefusedFrame(e.batchId(), e.reason(), e.getMessage()));
      return;
    }
    if (!(m instanceof BatchMessage batch)) {
      throw new CorruptedFrameException("a node sent a frame of type " + m.type()
          + "; the collector accepts only BATCH (" + WireFrames.TYPE_BATCH + ")");
    }
    out.add(batch);
  }
}
