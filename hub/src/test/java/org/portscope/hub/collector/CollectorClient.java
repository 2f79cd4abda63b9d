package org.portscope.hub.collector;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.portscope.sensor.api.wire.Ack;
import org.portscope.sensor.api.wire.BatchMessage;
import org.portscope.sensor.api.wire.WireFrames;

/**
 * A node's side of the collector protocol for tests: a real Netty client that sends batches and
 * matches ACKs to them in order. A closed connection fails every batch still waiting.
 */
final class CollectorClient implements AutoCloseable {
  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Queue<CompletableFuture<Ack>> waiting = new ArrayDeque<>();
  private final Channel channel;

  /** Connects to {@code hub}, from {@code local} when not null (e.g. 127.0.0.2 to be another node). */
  CollectorClient(InetSocketAddress hub, InetSocketAddress local) {
    Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new WireFrameDecoder()).addLast(new SimpleChannelInboundHandler<ByteBuf>() {
              @Override
              protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) throws Exception {
                Ack ack = (Ack) WireFrames.decode(frame.nioBuffer());
                CompletableFuture<Ack> f;
                synchronized (waiting) {
                  f = waiting.poll();
                }
                if (f != null) {
                  f.complete(ack);
                }
              }

              @Override
              public void channelInactive(ChannelHandlerContext ctx) {
                failAll(new IOException("connection closed by the hub"));
              }
            });
          }
        });
    channel = (local == null ? b.connect(hub) : b.connect(hub, local)).syncUninterruptibly().channel();
  }

  /** Sends one batch; the future completes with its ACK. */
  CompletableFuture<Ack> send(BatchMessage batch) {
    CompletableFuture<Ack> f = new CompletableFuture<>();
    synchronized (waiting) {
      waiting.add(f);
    }
    channel.writeAndFlush(Unpooled.wrappedBuffer(WireFrames.encode(batch))).addListener(w -> {
      if (!w.isSuccess()) {
        failAll(w.cause());
      }
    });
    return f;
  }

  /** Completes when the hub has closed the connection. */
  CompletableFuture<Void> closedByHub() {
    CompletableFuture<Void> f = new CompletableFuture<>();
    channel.closeFuture().addListener(x -> f.complete(null));
    return f;
  }

  private void failAll(Throwable cause) {
    synchronized (waiting) {
      for (CompletableFuture<Ack> f; (f = waiting.poll()) != null; ) {
        f.completeExceptionally(cause);
      }
    }
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
