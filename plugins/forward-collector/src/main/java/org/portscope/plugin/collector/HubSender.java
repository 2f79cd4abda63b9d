package org.portscope.plugin.collector;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.portscope.sensor.api.wire.Ack;
import org.portscope.sensor.api.wire.AckStatus;
import org.portscope.sensor.api.wire.BatchId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the spool to the hub over one connection on one Netty event loop: oldest batch first, up
 * to {@link #WINDOW} batches awaiting their ACK, each removed from the spool only when the hub
 * answers stored or duplicate. A lost connection, a hub silent for {@code ack-timeout} while batches
 * wait, or a retryable refusal closes the
 * connection; the next attempt comes after an exponential backoff with full jitter and resends
 * every unacknowledged batch under its own id (the hub deduplicates). All state below is touched
 * on the event loop only.
 */
final class HubSender {
  private static final Logger LOG = LoggerFactory.getLogger(HubSender.class);
  /** Batches on the wire at once: enough to hide the round trip, few enough to resend cheaply. */
  static final int WINDOW = 8;

  private final String name;
  private final CollectorConfig config;
  private final Spool spool;
  private final CollectorMetrics metrics;
  private final Backoff backoff;
  private final EventLoopGroup group;
  private final Bootstrap bootstrap;
  private final Map<BatchId, SpooledBatch> inFlight = new LinkedHashMap<>();
  private Channel channel;
  private long connectedAtNanos;
  private boolean closed;
  /** Since the last attempt failed or the connection was lost, until a connection is up again. */
  private volatile boolean outage;
  private volatile boolean connected;

  HubSender(String name, CollectorConfig config, Spool spool, CollectorMetrics metrics, RandomGenerator random) {
    this.name = name;
    this.config = config;
    this.spool = spool;
    this.metrics = metrics;
    Duration base = Duration.ofMillis(Math.min(100, config.backoffMax().toMillis()));
    this.backoff = new Backoff(base, config.backoffMax(), random);
    this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("collector-" + name, true),
        NioIoHandler.newFactory());
    this.bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.SO_KEEPALIVE, true)
        .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 4 << 20))
        .handler(new HubChannelInitializer(this, config.ackTimeout()));
  }

  /** Makes the first connection attempt. */
  void start() {
    group.execute(this::connect);
  }

  /** A batch was spooled: send it if the connection has room. Any thread. */
  void wake() {
    if (connected) {
      group.execute(this::pump);
    }
  }

  /** Whether the hub is up as far as the sender knows: connected, or not yet failed to connect. */
  boolean hubReachable() {
    return !outage;
  }

  private void connect() {
    if (closed) {
      return;
    }
    ChannelFuture f = bootstrap.connect(config.hubHost(), config.hubPort());
    f.addListener((ChannelFuture done) -> {
      if (done.isSuccess()) {
        return; // channelActive takes over
      }
      if (!outage) {
        outage = true;
        spool.wakeWaiters();
        LOG.warn("{}: hub {}:{} unreachable ({}); retrying with backoff, {} batches spooled", name,
            config.hubHost(), config.hubPort(), done.cause().toString(), spool.batches());
      }
      retryLater();
    });
  }

  private void retryLater() {
    if (closed) {
      return;
    }
    metrics.reconnects.increment();
    group.schedule(this::connect, backoff.next().toNanos(), TimeUnit.NANOSECONDS);
  }

  void active(Channel ch) {
    if (closed) {
      ch.close();
      return;
    }
    channel = ch;
    connectedAtNanos = System.nanoTime();
    connected = true;
    if (outage) {
      outage = false;
      LOG.info("{}: connected to hub {}; sending {} spooled batches", name, ch.remoteAddress(), spool.batches());
    }
    pump();
  }

  /** Writes spooled batches while the window and the socket have room. */
  void pump() {
    Channel ch = channel;
    if (ch == null || !ch.isActive()) {
      return;
    }
    boolean wrote = false;
    while (inFlight.size() < WINDOW && ch.isWritable()) {
      SpooledBatch b = spool.next();
      if (b == null) {
        break;
      }
      inFlight.put(b.id(), b);
      ch.write(Unpooled.wrappedBuffer(b.frame()), ch.voidPromise());
      metrics.batchesSent.increment();
      wrote = true;
    }
    if (wrote) {
      ch.flush();
    }
  }

  void acked(Channel ch, Ack ack) {
    SpooledBatch b = inFlight.remove(ack.batchId());
    if (b == null) {
      LOG.warn("{}: the hub acknowledged batch {}, which is not in flight; reconnecting", name, ack.batchId());
      ch.close();
      return;
    }
    switch (ack.status()) {
      case STORED, DUPLICATE -> {
        (ack.status() == AckStatus.STORED
            ? metrics.batchesStored : metrics.batchesDuplicate).increment();
        metrics.observationsForwarded.add(b.count());
        spool.acknowledged(b.seq());
        backoff.reset();
      }
      case REFUSED -> {
        metrics.batchesRefused.increment();
        if (ack.reason().retryable()) {
          LOG.warn("{}: the hub refused batch {} for now ({}: {}); keeping it, retrying with backoff",
              name, ack.batchId(), ack.reason(), ack.detail());
          ch.close();
          return;
        }
        spool.refused(b.seq(), ack.reason() + ": " + ack.detail());
      }
    }
    pump();
  }

  /** The connection is gone: whatever was in flight goes again, after a backoff. */
  void inactive(Channel ch) {
    if (ch != channel) {
      return;
    }
    channel = null;
    connected = false;
    inFlight.clear();
    spool.rewind();
    if (System.nanoTime() - connectedAtNanos >= config.backoffMax().toNanos()) {
      backoff.reset(); // a connection that held this long ends an outage, it is not part of one
    }
    if (!closed && !outage) {
      outage = true;
      spool.wakeWaiters();
      LOG.warn("{}: connection to hub {}:{} lost; reconnecting with backoff", name, config.hubHost(), config.hubPort());
    }
    retryLater();
  }

  /** Nothing came from the hub for {@code ack-timeout}: a problem only if batches wait for ACKs. */
  void silent(Channel ch) {
    if (!inFlight.isEmpty()) {
      LOG.warn("{}: no ACK from the hub for {} ms with {} batches in flight; reconnecting", name,
          config.ackTimeout().toMillis(), inFlight.size());
      ch.close();
    }
  }

  void failed(Channel ch, Throwable cause) {
    LOG.warn("{}: connection to hub failed: {}", name, cause.toString());
    ch.close();
  }

  /** Closes the connection and stops the event loop; unacknowledged batches stay spooled. */
  void close() {
    group.submit(() -> {
      closed = true;
      if (channel != null) {
        channel.close();
      }
    }).awaitUninterruptibly(5, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
  }
}
