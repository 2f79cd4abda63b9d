package org.portscope.plugin.collector;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.portscope.sensor.api.wire.Ack;
import org.portscope.sensor.api.wire.WireFrames;
import org.portscope.sensor.api.wire.WireLimits;

/**
 * The pipeline of a connection to the hub: cut frames by their length, decode ACKs, and hand
 * events to the {@link HubSender}. Outbound, the sender writes whole frames from the spool as they
 * are, so there is no encoder.
 */
final class HubChannelInitializer extends ChannelInitializer<SocketChannel> {
  private final HubSender sender;
  private final Duration ackTimeout;

  HubChannelInitializer(HubSender sender, Duration ackTimeout) {
    this.sender = sender;
    this.ackTimeout = ackTimeout;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ch.pipeline()
        .addLast("idle", new IdleStateHandler(ackTimeout.toMillis(), 0, 0, TimeUnit.MILLISECONDS))
        .addLast("frames", new LengthFieldBasedFrameDecoder(WireFrames.LENGTH_BYTES + WireLimits.MAX_FRAME_BYTES,
            0, WireFrames.LENGTH_BYTES, 0, WireFrames.LENGTH_BYTES))
        .addLast("acks", AckDecoder.INSTANCE)
        .addLast("sender", new HubHandler(sender));
  }

  /** Relays one connection's events to the sender, which runs on the same event loop. */
  static final class HubHandler extends ChannelInboundHandlerAdapter {
    private final HubSender sender;

    HubHandler(HubSender sender) {
      this.sender = sender;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      sender.active(ctx.channel());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      sender.acked(ctx.channel(), (Ack) msg);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      if (ctx.channel().isWritable()) {
        sender.pump();
      }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt instanceof IdleStateEvent) {
        sender.silent(ctx.channel());
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      sender.failed(ctx.channel(), cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      sender.inactive(ctx.channel());
    }
  }
}
