package org.portscope.plugin.collector;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;
import org.portscope.sensor.api.wire.Ack;
import org.portscope.sensor.api.wire.WireFormatException;
import org.portscope.sensor.api.wire.WireFrames;
import org.portscope.sensor.api.wire.WireMessage;

/**
 * Turns one frame from the hub (length already cut off) into an {@link Ack}. Anything else from the
 * hub is a protocol error: the decoder fails and the connection is closed and made again.
 */
@Sharable
final class AckDecoder extends MessageToMessageDecoder<ByteBuf> {
  static final AckDecoder INSTANCE = new AckDecoder();

  private AckDecoder() {
    super(ByteBuf.class);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) throws WireFormatException {
    WireMessage m = WireFrames.decode(frame.nioBuffer());
    if (!(m instanceof Ack ack)) {
      throw new DecoderException("the hub sent a " + m.getClass().getSimpleName() + " frame; only ACK expected");
    }
    out.add(ack);
  }
}
