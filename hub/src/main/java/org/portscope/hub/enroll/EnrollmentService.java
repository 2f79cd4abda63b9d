package org.portscope.hub.enroll;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.portscope.hub.peer.PeerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The enrollment API (HTTPS on the hub's public address, separate from the overlay-only
 * collector and API): TLS identity, tokens, enrolled peers and the peers file root applies.
 */
public final class EnrollmentService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EnrollmentService.class);
  /** How soon a node revoked on disk leaves the peers. */
  private static final long RELOAD_SECONDS = 5;

  private final EnrolledPeers peers;
  private final Channel server;
  private final EventLoopGroup group;
  private final ScheduledExecutorService worker;
  private final String pin;

  private EnrollmentService(EnrolledPeers peers, Channel server, EventLoopGroup group, ScheduledExecutorService worker,
      String pin) {
    this.peers = peers;
    this.server = server;
    this.group = group;
    this.worker = worker;
    this.pin = pin;
  }

  /**
   * Starts the API.
   *
   * @param onboarded the peers the provisioner onboarded (the hub's peers file): their names and
   *     addresses are never given to an enrolling node
   */
  public static EnrollmentService start(EnrollConfig config, PeerRegistry onboarded, Clock clock) {
    return start(config, onboarded, clock, new WireGuard(config.stateDir().resolve("enrolled-peers.conf")));
  }

  static EnrollmentService start(EnrollConfig config, PeerRegistry onboarded, Clock clock, WireGuard wireGuard) {
    Objects.requireNonNull(config, "config");
    TlsIdentity tls = TlsIdentity.loadOrCreate(config.stateDir().resolve("tls"));
    EnrolledPeers peers = EnrolledPeers.load(config.stateDir().resolve("enrolled"));
    Enroller enroller = new Enroller(config, new TokenBook(config.stateDir().resolve("enrollment-tokens")), peers,
        onboarded, wireGuard, clock);
    ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "hub-enroll");
      t.setDaemon(true);
      return t;
    });
    enroller.publish();
    worker.scheduleWithFixedDelay(() -> refresh(enroller), RELOAD_SECONDS, RELOAD_SECONDS, TimeUnit.SECONDS);
    EnrollHandler handler = new EnrollHandler(enroller, new RateLimit(config.rateBurst(), config.ratePerMinute()), worker,
        new BundleFile(config.bundle()));
    SslContext ssl = tls.serverContext();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try {
      Channel ch = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel c) {
              c.pipeline().addLast(new ReadTimeoutHandler(30), ssl.newHandler(c.alloc()), new HttpServerCodec(),
                  new HttpObjectAggregator(64 * 1024), new ChunkedWriteHandler(), handler);
            }
          }).bind(config.listen()).syncUninterruptibly().channel();
      LOG.info("enrollment API on https://{}, certificate pin {}, {} enrolled nodes", config.listen(), tls.pin(),
          peers.nodes().size());
      return new EnrollmentService(peers, ch, group, worker, tls.pin());
    } catch (RuntimeException e) {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      worker.shutdownNow();
      throw new IllegalStateException("the enrollment API cannot listen on " + config.listen() + ": " + e.getMessage(), e);
    }
  }

  private static void refresh(Enroller enroller) {
    try {
      if (enroller.refresh()) {
        LOG.info("enrolled nodes changed on disk (a node revoked): peers published again");
      }
    } catch (RuntimeException e) {
      LOG.warn("cannot read the enrolled nodes again, will retry: {}", e.getMessage());
    }
  }

  /** The enrolled nodes, for the collector and the API. */
  public PeerRegistry peers() {
    return peers;
  }

  public String pin() {
    return pin;
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) server.localAddress();
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    worker.shutdownNow();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
