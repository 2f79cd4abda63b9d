package org.portscope.hub.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ResourceLeakDetector;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.portscope.hub.TestObservations;
import org.portscope.hub.metrics.HubMetrics;
import org.portscope.hub.peer.Peer;
import org.portscope.hub.peer.PeerRegistry;
import org.portscope.sensor.api.IpAddress;
import org.portscope.sensor.api.wire.Ack;
import org.portscope.sensor.api.wire.AckStatus;
import org.portscope.sensor.api.wire.BatchId;
import org.portscope.sensor.api.wire.BatchMessage;
import org.portscope.sensor.api.wire.Compression;
import org.portscope.sensor.api.wire.RefusalReason;
import org.portscope.sensor.api.wire.WireFrames;

/** The collector pipeline on an {@link EmbeddedChannel}, with a sink whose answers the test controls. */
class BatchHandlerTest {
  static final Peer NODE = new Peer("node-a", "uni-x", IpAddress.parse("10.77.0.2"));

  /** Records what reaches the store; the test completes each future when it wants. */
  static final class ManualSink implements BatchSink {
    final List<BatchMessage> batches = new ArrayList<>();
    final List<CompletableFuture<Ack>> answers = new ArrayList<>();

    @Override
    public CompletableFuture<Ack> submit(Peer peer, BatchMessage batch) {
      assertEquals(NODE, peer);
      batches.add(batch);
      CompletableFuture<Ack> f = new CompletableFuture<>();
      answers.add(f);
      return f;
    }
  }

  final ManualSink sink = new ManualSink();
  final HubMetrics metrics = new HubMetrics();
  final AtomicInteger refreshes = new AtomicInteger();
  EmbeddedChannel channel;

  @BeforeAll
  static void paranoid() {
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
  }

  @AfterEach
  void finish() {
    channel.finishAndReleaseAll();
  }

  EmbeddedChannel channelFrom(String source) {
    InetSocketAddress remote = new InetSocketAddress(source, 40000);
    channel = new EmbeddedChannel() {
      @Override
      protected SocketAddress remoteAddress0() {
        return remote;
      }
    };
    channel.pipeline()
        .addLast("frameDecoder", new WireFrameDecoder())
        .addLast("messageDecoder", new WireMessageDecoder())
        .addLast("ackEncoder", new AckEncoder())
        .addLast("batchHandler", new BatchHandler(PeerRegistry.of(List.of(NODE)), refreshes::incrementAndGet,
            sink, metrics));
    return channel;
  }

  static BatchMessage batch(int n) {
    List<org.portscope.sensor.api.Observation> obs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      obs.add(TestObservations.syn(Instant.parse("2025-03-01T12:00:00Z").plusSeconds(i), "198.51.100.7", 22, "zmap"));
    }
    return BatchMessage.of(BatchId.random(), obs, Compression.DEFLATE);
  }

  static ByteBuf frame(BatchMessage b) {
    return Unpooled.wrappedBuffer(WireFrames.encode(b));
  }

  Ack readAck() throws Exception {
    channel.runPendingTasks();
    ByteBuf out = channel.readOutbound();
    if (out == null) {
      return null;
    }
    try {
      assertEquals(out.readableBytes() - 4, out.getInt(0), "length prefix");
      return (Ack) WireFrames.decode(out.nioBuffer(4, out.readableBytes() - 4));
    } finally {
      out.release();
    }
  }

  @Test
  void aBatchFromAPeerIsAcknowledgedOnlyWhenTheStoreAnswers() throws Exception {
    channelFrom("10.77.0.2");
    BatchMessage b = batch(3);
    ByteBuf in = frame(b);
    channel.writeInbound(in);
    assertEquals(0, in.refCnt(), "the decoders released the frame");
    assertEquals(1, sink.batches.size());
    assertEquals(b.id(), sink.batches.get(0).id());
    assertEquals(3, sink.batches.get(0).observations().size());
    assertNull(readAck(), "no ACK before the store has committed");
    sink.answers.get(0).complete(Ack.stored(b.id()));
    assertEquals(Ack.stored(b.id()), readAck());
  }

  @Test
  void aNodeMayPipelineButAcksLeaveInOrder() throws Exception {
    channelFrom("10.77.0.2");
    BatchMessage first = batch(1);
    BatchMessage second = batch(2);
    channel.writeInbound(Unpooled.wrappedBuffer(frame(first), frame(second)));
    assertEquals(2, sink.batches.size(), "both go to the store");
    assertTrue(channel.config().isAutoRead(), "below the in-flight limit reading goes on");
    sink.answers.get(1).complete(Ack.stored(second.id()));
    assertNull(readAck(), "the second answer waits for the first");
    sink.answers.get(0).complete(Ack.duplicate(first.id()));
    assertEquals(Ack.duplicate(first.id()), readAck());
    assertEquals(Ack.stored(second.id()), readAck());
  }

  @Test
  void readingStopsAtTheInFlightLimitAndResumesWhenAnAckLeaves() throws Exception {
    channelFrom("10.77.0.2");
    List<BatchMessage> sent = new ArrayList<>();
    for (int i = 0; i < BatchHandler.MAX_IN_FLIGHT; i++) {
      sent.add(batch(1));
      channel.writeInbound(frame(sent.get(i)));
    }
    assertFalse(channel.config().isAutoRead(), "the store is behind: stop reading");
    sink.answers.get(0).complete(Ack.stored(sent.get(0).id()));
    assertEquals(Ack.stored(sent.get(0).id()), readAck());
    assertTrue(channel.config().isAutoRead());
  }

  @Test
  void aFrameDeliveredByteByByteIsReassembled() throws Exception {
    channelFrom("10.77.0.2");
    BatchMessage b = batch(5);
    byte[] bytes = WireFrames.encode(b);
    for (byte x : bytes) {
      channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {x}));
    }
    assertEquals(1, sink.batches.size());
    sink.answers.get(0).complete(Ack.stored(b.id()));
    assertEquals(AckStatus.STORED, readAck().status());
  }

  @Test
  void anUnknownSourceIsRefusedAfterOneRegistryRefresh() throws Exception {
    channelFrom("10.77.0.99");
    BatchMessage b = batch(1);
    channel.writeInbound(frame(b));
    Ack ack = readAck();
    assertEquals(AckStatus.REFUSED, ack.status());
    assertEquals(RefusalReason.UNKNOWN_PEER, ack.reason());
    assertTrue(ack.detail().contains("10.77.0.99"), ack.detail());
    assertTrue(sink.batches.isEmpty());
    assertEquals(1, refreshes.get());
    assertEquals(1, metrics.refusedCount(RefusalReason.UNKNOWN_PEER));
    assertTrue(channel.isActive(), "a refused node may keep its connection and retry later");
  }

  @Test
  void aBatchOfAnUnknownVersionIsRefusedInItsTurn() throws Exception {
    channelFrom("10.77.0.2");
    BatchMessage ok = batch(1);
    byte[] future = WireFrames.encode(batch(1));
    future[5] = 2; // protocol version
    BatchId futureId = BatchId.fromBytes(java.util.Arrays.copyOfRange(future, 6, 22));
    channel.writeInbound(Unpooled.wrappedBuffer(frame(ok), Unpooled.wrappedBuffer(future)));
    assertNull(readAck(), "the refusal waits for the batch before it");
    sink.answers.get(0).complete(Ack.stored(ok.id()));
    assertEquals(Ack.stored(ok.id()), readAck());
    Ack refused = readAck();
    assertEquals(futureId, refused.batchId());
    assertEquals(RefusalReason.UNSUPPORTED_VERSION, refused.reason());
  }

  @Test
  void anOversizedLengthClosesTheConnectionWithoutBuffering() {
    channelFrom("10.77.0.2");
    ByteBuf garbage = Unpooled.wrappedBuffer(new byte[] {0x7F, 0, 0, 0, 1, 2, 3});
    channel.writeInbound(garbage);
    assertEquals(0, garbage.refCnt());
    assertFalse(channel.isActive());
    assertEquals(1, metrics.protocolErrors.sum());
  }

  @Test
  void anAckSentByANodeIsAProtocolError() {
    channelFrom("10.77.0.2");
    channel.writeInbound(Unpooled.wrappedBuffer(WireFrames.encode(Ack.stored(BatchId.random()))));
    assertFalse(channel.isActive());
    assertEquals(1, metrics.protocolErrors.sum());
  }

  @Test
  void aFailedStoreAnswerClosesTheConnectionSoTheNodeResends() {
    channelFrom("10.77.0.2");
    channel.writeInbound(frame(batch(1)));
    sink.answers.get(0).completeExceptionally(new IllegalStateException("bug"));
    channel.runPendingTasks();
    assertFalse(channel.isActive());
  }
}
