package org.portscope.plugin.honeypot;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.haproxy.HAProxyMessageEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.pf4j.Extension;
import org.portscope.sensor.api.ClientSide;
import org.portscope.sensor.api.RelayedSession;
import org.portscope.sensor.api.SensorContext;
import org.portscope.sensor.api.Session;
import org.portscope.sensor.api.SessionInfo;
import org.portscope.sensor.api.SessionRelay;
import org.portscope.sensor.api.StageConfig;

/**
 * Relays each accepted connection to the one configured honeypot, and nowhere else: the address
 * is fixed at configure time and nothing the source sends can change it. Each relayed connection
 * opens with a PROXY v2 header ({@link ProxyHeader}) unless {@code proxy-protocol: none}.
 */
@Extension
public final class HoneypotRelay implements SessionRelay {
  private static final RelayedSession REFUSED = new RelayedSession() {
    @Override
    public void received(ByteBuffer bytes) {}

    @Override
    public void sourceClosed() {}
  };

  private RelaySettings settings;
  private String node;
  private RelayMetrics metrics;
  private Admission admission;
  private EventLoopGroup group;
  private Bootstrap bootstrap;

  @Override
  public void configure(StageConfig config, SensorContext context) {
    settings = RelaySettings.of(config);
    node = context.nodeId();
    metrics = new RelayMetrics(context.metrics());
    admission = new Admission(settings.limits().maxConnections(),
        settings.limits().maxConnectionsPerSource());
  }

  private synchronized Bootstrap bootstrap() {
    if (bootstrap == null) {
      group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
      bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
          .option(ChannelOption.AUTO_READ, false)
          .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis());
    }
    return bootstrap;
  }

  @Override
  public RelayedSession open(SessionInfo info, ClientSide client) {
    String refused = admission.admit(info.source());
    if (refused != null) {
      metrics.limit(refused).increment();
      client.close(Session.limit(refused));
      return REFUSED;
    }
    HoneypotLink link = new HoneypotLink(client, settings.limits(), metrics,
        () -> admission.release(info.source()));
    long idle = settings.limits().idleTimeout().toMillis();
    Bootstrap b = bootstrap().clone().handler(new io.netty.channel.ChannelInitializer<>() {
      @Override
      protected void initChannel(io.netty.channel.Channel ch) {
        ch.pipeline().addLast(new IdleStateHandler(0, 0, idle, TimeUnit.MILLISECONDS));
        if (settings.proxyProtocol()) {
          ch.pipeline().addLast(HAProxyMessageEncoder.INSTANCE);
        }
        ch.pipeline().addLast(link);
      }
    });
    b.connect(settings.honeypot()).addListener((io.netty.channel.ChannelFuture f) -> {
      if (f.isSuccess() && settings.proxyProtocol()) {
        f.channel().writeAndFlush(ProxyHeader.of(info, node));
      }
      link.connected(f);
    });
    return link;
  }

  /** Open relayed connections (tests and metrics). */
  int open() {
    return admission.open();
  }

  @Override
  public void close() {
    if (group != null) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
  }
}
