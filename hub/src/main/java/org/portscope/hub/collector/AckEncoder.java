package org.portscope.hub.collector;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import org.portscope.sensor.api.wire.Ack;
import org.portscope.sensor.api.wire.WireFrames;

/** An {@link Ack} to its frame. */
@Sharable
final class AckEncoder extends MessageToByteEncoder<Ack> {
  AckEncoder() {
    super(Ack.class);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, Ack ack, ByteBuf out) {
    out.writeBytes(WireFrames.encode(ack));
  }
}
