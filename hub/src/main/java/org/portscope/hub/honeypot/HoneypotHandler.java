package org.portscope.hub.honeypot;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyTLV;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.portscope.hub.store.FirstBytes;

/**
 * One honeypot connection: takes the PROXY header's view of who connected where (a relayed
 * connection) or the socket's (a direct one), plays the {@link Conversation}, keeps the first
 * bytes, and records the connection when it closes. Not shared: one instance per connection.
 */
final class HoneypotHandler extends ChannelInboundHandlerAdapter {
  /** A client silent this long is greeted: long enough for any client that speaks first. */
  static final long GREET_AFTER_MILLIS = 500;
  /** TLVs of portscope's relay (forward-honeypot's ProxyHeader). */
  static final int TLV_NODE = 0xE0;
  static final int TLV_ANON_KEY_ID = 0xE1;

  private final HoneypotConfig config;
  private final HoneypotLog log;
  private final HoneypotMetrics metrics;
  private final byte[] kept;
  private int keptLength;
  private long received;
  private long sent;
  private long startNanos;
  private Instant started;
  private String source;
  private int sourcePort;
  private String destination;
  private int destinationPort;
  private String node;
  private String anonKeyId;
  private boolean proxied;
  private boolean counted;
  private String end = "client-closed";
  private Conversation conversation;
  private ScheduledFuture<?> greet;
  private ScheduledFuture<?> deadline;

  HoneypotHandler(HoneypotConfig config, HoneypotLog log, HoneypotMetrics metrics) {
    this.config = config;
    this.log = log;
    this.metrics = metrics;
    this.kept = new byte[config.keepBytes()];
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    startNanos = System.nanoTime();
    started = Instant.now();
    InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
    InetSocketAddress local = (InetSocketAddress) ctx.channel().localAddress();
    source = remote.getAddress().getHostAddress();
    sourcePort = remote.getPort();
    destination = local.getAddress().getHostAddress();
    destinationPort = local.getPort();
    if (metrics.open.incrementAndGet() > config.maxConnections()) {
      metrics.open.decrementAndGet();
      metrics.refused.increment();
      ctx.close();
      return;
    }
    counted = true;
    greet = ctx.executor().schedule(() -> answer(ctx, conversation().silence()), GREET_AFTER_MILLIS,
        TimeUnit.MILLISECONDS);
    deadline = ctx.executor().schedule(() -> close(ctx, "limit:duration"), config.maxDuration().toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HAProxyMessage header) {
      try {
        proxied(header);
      } finally {
        header.release();
      }
      return;
    }
    ByteBuf buf = (ByteBuf) msg;
    try {
      int n = buf.readableBytes();
      received += n;
      metrics.bytesIn.add(n);
      int keep = Math.min(n, kept.length - keptLength);
      buf.getBytes(buf.readerIndex(), kept, keptLength, keep);
      keptLength += keep;
      byte[] data = new byte[n];
      buf.readBytes(data);
      if (received > config.maxBytes()) {
        close(ctx, "limit:bytes");
        return;
      }
      answer(ctx, conversation().received(data));
    } finally {
      buf.release();
    }
  }

  private void proxied(HAProxyMessage header) {
    proxied = true;
    if (header.sourceAddress() != null) {
      source = header.sourceAddress();
      sourcePort = header.sourcePort();
      destination = header.destinationAddress();
      destinationPort = header.destinationPort();
    }
    for (HAProxyTLV tlv : header.tlvs()) {
      int type = tlv.typeByteValue() & 0xFF;
      if (type == TLV_NODE) {
        node = tlv.content().toString(StandardCharsets.UTF_8);
      } else if (type == TLV_ANON_KEY_ID) {
        anonKeyId = tlv.content().toString(StandardCharsets.UTF_8);
      }
    }
  }

  /** The conversation, made at the first need: by then a PROXY header has named the destination port. */
  private Conversation conversation() {
    if (conversation == null) {
      conversation = new Conversation(destinationPort);
    }
    return conversation;
  }

  private void answer(ChannelHandlerContext ctx, Conversation.Reply reply) {
    if (!ctx.channel().isActive()) {
      return;
    }
    if (reply.bytes().length > 0) {
      sent += reply.bytes().length;
      ctx.writeAndFlush(Unpooled.wrappedBuffer(reply.bytes()));
    }
    if (reply.close()) {
      close(ctx, "honeypot-closed");
    }
  }

  private void close(ChannelHandlerContext ctx, String why) {
    end = why;
    ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent) {
      close(ctx, "limit:idle");
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    end = "error: " + cause.getClass().getSimpleName();
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (!counted) {
      return;
    }
    counted = false;
    metrics.open.decrementAndGet();
    if (greet != null) {
      greet.cancel(false);
    }
    if (deadline != null) {
      deadline.cancel(false);
    }
    String service = conversation == null || conversation.service() == null ? "none"
        : conversation.service().name().toLowerCase();
    log.write(record(service));
    // counted after the line is written, so a reader who sees the count finds the line
    metrics.served(service);
    if (proxied) {
      metrics.proxied.increment();
    }
    metrics.connections.increment();
  }

  private Map<String, Object> record(String service) {
    byte[] first = java.util.Arrays.copyOf(kept, keptLength);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("time", started.toString());
    r.put("proxied", proxied);
    r.put("node", node);
    r.put("anonKeyId", anonKeyId);
    r.put("src", source);
    r.put("sport", sourcePort);
    r.put("dst", destination);
    r.put("dport", destinationPort);
    r.put("service", service);
    r.put("bytesIn", received);
    r.put("bytesOut", sent);
    r.put("durationMillis", (System.nanoTime() - startNanos) / 1_000_000);
    r.put("end", end);
    r.put("firstBytesLength", keptLength);
    r.put("preview", FirstBytes.escaped(first));
    r.put("previewHex", FirstBytes.hex(first));
    return r;
  }
}
