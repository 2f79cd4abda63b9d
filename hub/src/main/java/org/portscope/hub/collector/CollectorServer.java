package org.portscope.hub.collector;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.portscope.hub.metrics.HubMetrics;
import org.portscope.hub.peer.PeerRegistry;

/**
 * The collector's TCP listener. In a deployment it binds the hub's overlay address only, so that
 * every connection comes through WireGuard and its source address is an authenticated peer.
 */
public final class CollectorServer implements AutoCloseable {
  private final Channel server;
  private final ChannelGroup connections;
  private final EventLoopGroup group;

  private CollectorServer(Channel server, ChannelGroup connections, EventLoopGroup group) {
    this.server = server;
    this.connections = connections;
    this.group = group;
  }

  /**
   * Binds and starts accepting.
   *
   * @param refreshPeers called before a batch from an unknown address is refused
   * @throws IllegalStateException naming the address when it cannot be bound
   */
  public static CollectorServer start(InetSocketAddress listen, PeerRegistry peers, Runnable refreshPeers,
      BatchSink ingestor, HubMetrics metrics) {
    Objects.requireNonNull(listen, "listen");
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    ChannelGroup connections = new DefaultChannelGroup("collector", GlobalEventExecutor.INSTANCE);
    try {
      Channel ch = new ServerBootstrap()
          .group(group)
          .channel(NioServerSocketChannel.class)
          .childOption(ChannelOption.SO_KEEPALIVE, true)
          .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 64 * 1024))
          .childHandler(new CollectorInitializer(peers, refreshPeers, ingestor, metrics, connections))
          .bind(listen).syncUninterruptibly().channel();
      return new CollectorServer(ch, connections, group);
    } catch (RuntimeException e) {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      throw new IllegalStateException("collector cannot listen on " + listen + ": " + e.getMessage(), e);
    }
  }

  /** The bound address (the real port when the configured one was 0). */
  public InetSocketAddress address() {
    return (InetSocketAddress) server.localAddress();
  }

  /** Whether the listening socket is open (the health check asks). */
  public boolean isListening() {
    return server.isActive();
  }

  /** Stops accepting and closes every connection; batches not yet acknowledged are resent by nodes. */
  @Override
  public void close() {
    server.close().syncUninterruptibly();
    connections.close().awaitUninterruptibly();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
