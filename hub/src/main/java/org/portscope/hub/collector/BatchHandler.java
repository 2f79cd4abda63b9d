package org.portscope.hub.collector;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
 * Answers the batches of one connection, in the order they arrived. Up to {@link #MAX_IN_FLIGHT}
 * batches of a connection are with the store at once (a node may pipeline); ACKs leave strictly in
 * order, each once its batch's outcome is final. Backpressure: AUTO_READ is off while the limit is
 * reached or while the node is not reading its ACKs (the channel is not writable), so a node cannot
 * get ahead of the store. Runs on the channel's event loop only, so its state needs no locks.
 */
final class BatchHandler extends ChannelInboundHandlerAdapter {
  /** Batches of one connection decoding, queued or being stored at once. */
  static final int MAX_IN_FLIGHT = 4;
  private static final Logger LOG = LoggerFactory.getLogger(BatchHandler.class);

  private final PeerRegistry peers;
  private final Runnable refreshPeers;
  private final BatchSink sink;
  private final HubMetrics metrics;
  private final ArrayDeque<CompletableFuture<Ack>> inFlight = new ArrayDeque<>();

  BatchHandler(PeerRegistry peers, Runnable refreshPeers, BatchSink sink, HubMetrics metrics) {
    this.peers = peers;
    this.refreshPeers = refreshPeers;
    this.sink = sink;
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
    inFlight.clear(); // their batches may still be stored; the node resends and gets DUPLICATE
    ctx.fireChannelInactive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof BatchMessage) && !(msg instanceof RefusedFrame)) {
      ctx.fireChannelRead(msg);
      return;
    }
    CompletableFuture<Ack> ack = answer(ctx, msg);
    inFlight.add(ack);
    ack.whenComplete((a, e) -> ctx.executor().execute(() -> writeAnswered(ctx)));
    updateReading(ctx);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    updateReading(ctx);
    ctx.fireChannelWritabilityChanged();
  }

  /** Writes the ACKs at the head of the queue that are final, in order. */
  private void writeAnswered(ChannelHandlerContext ctx) {
    boolean wrote = false;
    while (!inFlight.isEmpty() && inFlight.peek().isDone() && ctx.channel().isActive()) {
      Ack ack;
      try {
        ack = inFlight.poll().join();
      } catch (CompletionException | CancellationException e) {
        LOG.error("no answer for a batch from {}; closing the connection", ctx.channel().remoteAddress(), e);
        ctx.close();
        return;
      }
      ctx.write(ack).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
      wrote = true;
    }
    if (wrote) {
      ctx.flush();
    }
    updateReading(ctx);
  }

  private void updateReading(ChannelHandlerContext ctx) {
    ctx.channel().config().setAutoRead(inFlight.size() < MAX_IN_FLIGHT && ctx.channel().isWritable());
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
    return sink.submit(peer.get(), batch);
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
