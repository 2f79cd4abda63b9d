package org.portscope.plugin.listener;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.portscope.sensor.api.ClientSide;
import org.portscope.sensor.api.IpAddress;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.RelayedSession;
import org.portscope.sensor.api.Session;
import org.portscope.sensor.api.SessionInfo;

/**
 * One accepted connection: hands it to the relay, passes the source's bytes on one chunk per
 * {@link #read} (AUTO_READ is off), keeps the first bytes and counts both directions, and reports
 * the session when the connection closes.
 */
final class ClientConnection extends ChannelInboundHandlerAdapter implements ClientSide {
  private final Listening listening;
  private final byte[] first;
  private int kept;
  private long fromSource;
  private final AtomicLong toSource = new AtomicLong();
  private final AtomicReference<String> end = new AtomicReference<>();
  private Channel channel;
  private SessionInfo info;
  private RelayedSession relayed;
  private long startNanos;

  ClientConnection(Listening listening) {
    this.listening = listening;
    this.first = new byte[listening.payloadBytes()];
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    channel = ctx.channel();
    startNanos = System.nanoTime();
    InetSocketAddress local = (InetSocketAddress) channel.localAddress();
    InetSocketAddress remote = (InetSocketAddress) channel.remoteAddress();
    if (!listening.ports().contains(local.getPort())) {
      // Someone reached the listener's own port directly: not an assigned port, not relayed.
      listening.notAssigned();
      channel.close();
      return;
    }
    listening.accepted(channel);
    info = SessionInfo.accepted(listening.nowNanos(), address(remote.getAddress()), remote.getPort(),
        address(local.getAddress()), local.getPort());
    try {
      relayed = listening.relay().open(info, this);
    } catch (RuntimeException e) {
      listening.relayFailed(e);
      close("relay-error");
    }
  }

  /** IPv4 clients of a dual-stack socket may show as IPv4-mapped IPv6 addresses. */
  static IpAddress address(InetAddress a) {
    byte[] b = a.getAddress();
    if (b.length == 16 && isV4Mapped(b)) {
      return IpAddress.ofBytes(Arrays.copyOfRange(b, 12, 16));
    }
    return IpAddress.ofBytes(b);
  }

  private static boolean isV4Mapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return b[10] == (byte) 0xFF && b[11] == (byte) 0xFF;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf buf = (ByteBuf) msg;
    try {
      int n = buf.readableBytes();
      fromSource += n;
      int keep = Math.min(n, first.length - kept);
      buf.getBytes(buf.readerIndex(), first, kept, keep);
      kept += keep;
      ByteBuffer copy = ByteBuffer.allocate(n);
      buf.readBytes(copy);
      copy.flip();
      if (relayed != null) {
        relayed.received(copy);
      }
    } finally {
      buf.release();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    end.compareAndSet(null, "source-error");
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (info == null) {
      return;
    }
    if (relayed != null) {
      relayed.sourceClosed();
    }
    String why = end.get() == null ? "source-closed" : end.get();
    Session s = new Session(System.nanoTime() - startNanos, fromSource, toSource.get(),
        Arrays.copyOf(first, kept), null, why);
    listening.finished(Observation.ofSession(info.acceptedNanos(), info.source(), info.sourcePort(),
        info.destination(), info.destinationPort(), listening.node(), s));
  }

  @Override
  public void write(ByteBuffer bytes, Runnable whenWritten) {
    toSource.addAndGet(bytes.remaining());
    channel.writeAndFlush(Unpooled.wrappedBuffer(bytes)).addListener(f -> whenWritten.run());
  }

  @Override
  public void read() {
    channel.read();
  }

  @Override
  public void close(String reason) {
    end.compareAndSet(null, reason);
    channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
  }
}
