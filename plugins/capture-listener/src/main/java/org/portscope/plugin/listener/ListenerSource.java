package org.portscope.plugin.listener;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.pf4j.Extension;
import org.portscope.sensor.api.PortRanges;
import org.portscope.sensor.api.SensorContext;
import org.portscope.sensor.api.SessionListener;
import org.portscope.sensor.api.SessionRelay;
import org.portscope.sensor.api.SessionSink;
import org.portscope.sensor.api.StageConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listener mode's accept side. With nftables and epoll (mode {@code auto} or {@code nft}): one
 * transparent listener on an ephemeral port and a TPROXY table ({@link NftTproxy}) that sends every
 * assigned port to it, on all of the node's addresses, IPv4 and IPv6. Without them (mode
 * {@code bind}, or {@code auto} where nft fails): one socket per assigned port that is free now.
 */
@Extension
public final class ListenerSource implements SessionListener {
  private static final Logger LOG = LoggerFactory.getLogger(ListenerSource.class);
  /** One socket per port costs a file descriptor each; beyond this, nftables is the way. */
  static final int MAX_BOUND_PORTS = 20_000;

  private ListenerSettings settings;
  private SensorContext context;
  private EventLoopGroup group;
  private ChannelGroup open;
  private final List<Channel> servers = new ArrayList<>();
  private NftTproxy rules;

  @Override
  public void configure(StageConfig config, SensorContext ctx) {
    settings = ListenerSettings.of(config);
    context = ctx;
    if (settings.mode().equals("bind") && settings.ports().count() > MAX_BOUND_PORTS) {
      throw config.bad("ports", settings.ports().toString(), "at most " + MAX_BOUND_PORTS
          + " ports in mode bind (one socket each); mode auto or nft takes any range");
    }
  }

  @Override
  public PortRanges ports() {
    return settings.ports();
  }

  @Override
  public String start(SessionRelay relay, SessionSink sink) throws Exception {
    boolean epoll = Epoll.isAvailable();
    group = new MultiThreadIoEventLoopGroup(2,
        epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    open = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    Listening listening = new Listening(settings, context.nodeId(), context.clock(),
        context.metrics(), relay, sink, open);
    Path nft = NftTproxy.findNft();
    if (!settings.mode().equals("bind")) {
      String why = nft == null ? "nft is not installed (Debian package nftables)"
          : !epoll ? "Netty's epoll transport is unavailable: " + Epoll.unavailabilityCause() : null;
      if (why == null) {
        try {
          return startTproxy(listening, nft);
        } catch (IOException e) {
          why = e.getMessage();
          closeServers();
        }
      }
      if (settings.mode().equals("nft")) {
        throw new IOException("listener mode nft: " + why);
      }
      LOG.warn("listener: nftables TPROXY unavailable ({}); binding each assigned port", why);
    }
    return startBound(listening, epoll);
  }

  private ServerBootstrap bootstrap(Listening listening, boolean epoll) {
    return new ServerBootstrap().group(group)
        .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childOption(ChannelOption.AUTO_READ, false)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast("client", new ClientConnection(listening));
          }
        });
  }

  private String startTproxy(Listening listening, Path nft) throws IOException, InterruptedException {
    ServerBootstrap b = bootstrap(listening, true).option(EpollChannelOption.IP_TRANSPARENT, true);
    Channel server = bindWildcard(b, 0);
    if (server == null) {
      throw new IOException("cannot bind a transparent listener (needs CAP_NET_ADMIN)");
    }
    servers.add(server);
    int port = ((InetSocketAddress) server.localAddress()).getPort();
    rules = NftTproxy.install(nft, settings.table(), settings.ports(), port);
    return "tcp " + settings.ports() + " on every address via nftables tproxy to :" + port
        + " (table inet " + settings.table() + ")";
  }

  private String startBound(Listening listening, boolean epoll) {
    ServerBootstrap b = bootstrap(listening, epoll);
    int taken = 0;
    for (PortRanges.Range r : settings.ports().ranges()) {
      for (int port = r.first(); port <= r.last(); port++) {
        Channel server = bindWildcard(b, port);
        if (server == null) {
          taken++;
        } else {
          servers.add(server);
        }
      }
    }
    return "tcp " + settings.ports() + " via " + servers.size() + " sockets, one per port ("
        + taken + " in use by services, left alone)";
  }

  /** Binds [::] (IPv4 and IPv6), else 0.0.0.0; null when the port is in use or not permitted. */
  private static Channel bindWildcard(ServerBootstrap b, int port) {
    for (String any : List.of("::", "0.0.0.0")) {
      try {
        return b.bind(new InetSocketAddress(any, port)).sync().channel();
      } catch (Exception e) {
        // next wildcard, then give up on this port
      }
    }
    return null;
  }

  private void closeServers() {
    for (Channel c : servers) {
      c.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
    servers.clear();
  }

  @Override
  public void close() {
    closeServers();
    if (rules != null) {
      rules.close();
      rules = null;
    }
    if (open != null) {
      // Each closing connection reports its session (end "shutdown") before the group stops.
      open.forEach(ch -> ch.pipeline().get(ClientConnection.class).close("shutdown"));
      open.newCloseFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
    if (group != null) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
  }

}
