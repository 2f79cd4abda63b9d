package org.portscope.hub.collector;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.portscope.hub.metrics.HubMetrics;
import org.portscope.hub.peer.Peer;
import org.portscope.hub.peer.PeerRegistry;
import org.portscope.sensor.api.IpAddress;
import org.portscope.sensor.api.wire.Ack;
import org.portscope.sensor.api.wire.BatchMessage;
import org.portscope.sensor.api.wire.RefusalReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the batches of one connection, one at a time and in order. Backpressure: while a batch
 * is with the store (or its ACK is being written), AUTO_READ is off, so a node cannot get ahead
 * of the store; reading resumes when its queue here is empty again. Runs on the channel's event
 * loop only, so its state needs no locks.
 */
final class BatchHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(BatchHandler.class);

  private final PeerRegistry peers;
  private final Runnable refreshPeers;
  private final BatchSink ingestor;
  private final HubMetrics metrics;
  private final ArrayDeque<Object> pending = new ArrayDeque<>();
  private boolean busy;

  BatchHandler(PeerRegistry peers, Runnable refreshPeers, BatchSink ingestor, HubMetrics metrics) {
    this.peers = peers;
    this.refreshPeers = refreshPeers;
    this.ingestor = ingestor;
    this.metrics = metrics;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    metrics.connectionsAccepted.increment();
    metrics.connectionsOpen.incrementAndGet();
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    metrics.connectionsOpen.decrementAndGet();
    pending.clear();
    ctx.fireChannelInactive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof BatchMessage) && !(msg instanceof RefusedFrame)) {
      ctx.fireChannelRead(msg);
      return;
    }
    pending.add(msg);
    ctx.channel().config().setAutoRead(false);
    next(ctx);
  }

  private void next(ChannelHandlerContext ctx) {
    if (busy || !ctx.channel().isActive()) {
      return;
    }
    Object item = pending.poll();
    if (item == null) {
      ctx.channel().config().setAutoRead(true);
      return;
    }
    busy = true;
    answer(ctx, item).whenComplete((ack, error) -> ctx.executor().execute(() -> {
      if (error != null) {
        LOG.error("no answer for a batch from {}; closing the connection", ctx.channel().remoteAddress(), error);
        ctx.close();
        return;
      }
      ctx.writeAndFlush(ack).addListener((ChannelFutureListener) f -> {
        busy = false;
        if (f.isSuccess()) {
          next(ctx);
        } else {
          ctx.close();
        }
      });
    }));
  }

  private CompletableFuture<Ack> answer(ChannelHandlerContext ctx, Object item) {
    if (item instanceof RefusedFrame r) {
      metrics.refused(r.reason());
      LOG.warn("batch {} from {} refused ({}): {}", r.batchId(), ctx.channel().remoteAddress(), r.reason(), r.detail());
      return CompletableFuture.completedFuture(Ack.refused(r.batchId(), r.reason(), r.detail()));
    }
    BatchMessage batch = (BatchMessage) item;
    IpAddress source = sourceAddress(ctx.channel().remoteAddress());
    Optional<Peer> peer = source == null ? Optional.empty() : peers.byAddress(source);
    if (peer.isEmpty() && source != null) {
      refreshPeers.run(); // a node added moments ago is in the file already
      peer = peers.byAddress(source);
    }
    if (peer.isEmpty()) {
      metrics.refused(RefusalReason.UNKNOWN_PEER);
      LOG.warn("batch {} refused: {} is not a registered peer", batch.id(), source);
      return CompletableFuture.completedFuture(Ack.refused(batch.id(), RefusalReason.UNKNOWN_PEER,
          source + " is not a registered peer of this hub"));
    }
    return ingestor.submit(peer.get(), batch);
  }

  private static IpAddress sourceAddress(SocketAddress a) {
    return a instanceof InetSocketAddress inet && inet.getAddress() != null
        ? IpAddress.ofBytes(inet.getAddress().getAddress()) : null;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    metrics.protocolErrors.increment();
    LOG.warn("closing collector connection from {}: {}", ctx.channel().remoteAddress(), cause.getMessage());
    ctx.close();
  }
}
