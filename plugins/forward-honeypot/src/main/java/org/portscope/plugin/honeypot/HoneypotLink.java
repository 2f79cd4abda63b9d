package org.portscope.plugin.honeypot;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.portscope.sensor.api.ClientSide;
import org.portscope.sensor.api.RelayedSession;
import org.portscope.sensor.api.Session;

/**
 * One relayed connection: the source's end (from the listener) joined to a connection to the
 * honeypot. Backpressure both ways: the next chunk is read from one side only once the previous
 * one was written to the other. Enforces the byte, idle and duration limits.
 */
final class HoneypotLink extends ChannelInboundHandlerAdapter implements RelayedSession {
  private final ClientSide client;
  private final RelayLimits limits;
  private final RelayMetrics metrics;
  private final Runnable release;
  private Channel honeypot;
  private long bytes;
  private boolean released;

  HoneypotLink(ClientSide client, RelayLimits limits, RelayMetrics metrics, Runnable release) {
    this.client = client;
    this.limits = limits;
    this.metrics = metrics;
    this.release = release;
  }

  /** Called when the connect attempt ends. */
  void connected(ChannelFuture f) {
    if (!f.isSuccess()) {
      metrics.unreachable.increment();
      client.close("honeypot-unreachable");
      return;
    }
    synchronized (this) {
      if (released) { // the source left while the connect was under way
        f.channel().close();
        return;
      }
      honeypot = f.channel();
    }
    metrics.relayed.increment();
    honeypot.eventLoop().schedule(() -> limit("duration"), limits.maxDuration().toMillis(),
        TimeUnit.MILLISECONDS);
    client.read();
    honeypot.read();
  }

  @Override
  public void received(ByteBuffer chunk) {
    if (honeypot == null || !counted(chunk.remaining())) {
      return;
    }
    honeypot.writeAndFlush(Unpooled.wrappedBuffer(chunk)).addListener(f -> {
      if (f.isSuccess()) {
        client.read();
      }
    });
  }

  @Override
  public void sourceClosed() {
    Channel h;
    synchronized (this) {
      if (released) {
        return;
      }
      released = true;
      h = honeypot;
    }
    release.run();
    if (h != null) {
      h.close();
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf buf = (ByteBuf) msg;
    try {
      if (!counted(buf.readableBytes())) {
        return;
      }
      ByteBuffer copy = ByteBuffer.allocate(buf.readableBytes());
      buf.readBytes(copy);
      client.write(copy.flip(), () -> ctx.channel().read());
    } finally {
      buf.release();
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent) {
      limit("idle");
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    client.close("honeypot-closed");
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  /** Adds {@code n} bytes to the connection's total; false (and closed) when over the limit. */
  private synchronized boolean counted(int n) {
    bytes += n;
    if (bytes > limits.maxBytes()) {
      limit("bytes");
      return false;
    }
    return true;
  }

  private void limit(String name) {
    metrics.limit(name).increment();
    client.close(Session.limit(name));
    if (honeypot != null) {
      honeypot.close();
    }
  }
}
