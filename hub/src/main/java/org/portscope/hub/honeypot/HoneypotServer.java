package org.portscope.hub.honeypot;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's simple honeypot (Netty, one I/O thread): what a node's listener mode relays to by
 * default. It accepts relayed connections (PROXY protocol header) and direct ones, answers as SSH,
 * HTTP or telnet ({@link Conversation}), and records every connection in a JSON-lines log and
 * counters. It never connects anywhere itself.
 */
public final class HoneypotServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HoneypotServer.class);
  private final Channel server;
  private final ChannelGroup connections;
  private final EventLoopGroup group;
  private final HoneypotLog log;
  private final HoneypotMetrics metrics;

  private HoneypotServer(Channel server, ChannelGroup connections, EventLoopGroup group, HoneypotLog log,
      HoneypotMetrics metrics) {
    this.server = server;
    this.connections = connections;
    this.group = group;
    this.log = log;
    this.metrics = metrics;
  }

  /**
   * Binds and starts accepting.
   *
   * @throws IllegalStateException naming the address when it cannot be bound or the log opened
   */
  public static HoneypotServer start(HoneypotConfig config) {
    Objects.requireNonNull(config, "config");
    HoneypotLog log = new HoneypotLog(config.log());
    HoneypotMetrics metrics = new HoneypotMetrics();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    ChannelGroup connections = new DefaultChannelGroup("honeypot", GlobalEventExecutor.INSTANCE);
    long idle = config.idleTimeout().toMillis();
    try {
      Channel ch = new ServerBootstrap()
          .group(group)
          .channel(NioServerSocketChannel.class)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel c) {
              connections.add(c);
              c.pipeline().addLast("idle", new IdleStateHandler(0, 0, idle, TimeUnit.MILLISECONDS))
                  .addLast("detect", new ProxyDetector())
                  .addLast("honeypot", new HoneypotHandler(config, log, metrics));
            }
          })
          .bind(config.listen()).syncUninterruptibly().channel();
      LOG.info("honeypot on {}, recording to {}", ch.localAddress(), config.log());
      return new HoneypotServer(ch, connections, group, log, metrics);
    } catch (RuntimeException e) {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      log.close();
      throw new IllegalStateException("honeypot cannot listen on " + config.listen() + ": " + e.getMessage(), e);
    }
  }

  /** The bound address (the real port when the configured one was 0). */
  public InetSocketAddress address() {
    return (InetSocketAddress) server.localAddress();
  }

  public HoneypotMetrics metrics() {
    return metrics;
  }

  /** Stops accepting, closes every connection (each is recorded) and the log. */
  @Override
  public void close() {
    server.close().syncUninterruptibly();
    connections.close().awaitUninterruptibly();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    log.close();
  }
}
