package org.portscope.hub.collector;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import java.util.Objects;
import org.portscope.hub.metrics.HubMetrics;
import org.portscope.hub.peer.PeerRegistry;

/** The pipeline of one collector connection: frames in, batches handled, ACKs out. */
final class CollectorInitializer extends ChannelInitializer<SocketChannel> {
  private static final WireMessageDecoder MESSAGE_DECODER = new WireMessageDecoder();
  private static final AckEncoder ACK_ENCODER = new AckEncoder();

  private final PeerRegistry peers;
  private final Runnable refreshPeers;
  private final BatchSink ingestor;
  private final HubMetrics metrics;
  private final ChannelGroup connections;

  CollectorInitializer(PeerRegistry peers, Runnable refreshPeers, BatchSink ingestor, HubMetrics metrics,
      ChannelGroup connections) {
    this.peers = Objects.requireNonNull(peers, "peers");
    this.refreshPeers = Objects.requireNonNull(refreshPeers, "refreshPeers");
    this.ingestor = Objects.requireNonNull(ingestor, "ingestor");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.connections = Objects.requireNonNull(connections, "connections");
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    connections.add(ch);
    ch.pipeline()
        .addLast("frameDecoder", new WireFrameDecoder())
        .addLast("messageDecoder", MESSAGE_DECODER)
        .addLast("ackEncoder", ACK_ENCODER)
        .addLast("batchHandler", new BatchHandler(peers, refreshPeers, ingestor, metrics));
  }
}
