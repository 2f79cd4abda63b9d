package org.portscope.hub.enroll;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/enroll} (JSON in, JSON out) and {@code GET /v1/bundle}. Enrollment runs on
 * {@code worker} (it runs {@code wg}), never on the event loop. Every attempt is logged with its
 * source, the token id and the outcome; never the secret.
 */
@ChannelHandler.Sharable
final class EnrollHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(EnrollHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Enroller enroller;
  private final RateLimit rateLimit;
  private final Executor worker;
  private final BundleFile bundle;

  EnrollHandler(Enroller enroller, RateLimit rateLimit, Executor worker, BundleFile bundle) {
    this.enroller = enroller;
    this.rateLimit = rateLimit;
    this.worker = worker;
    this.bundle = bundle;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    InetSocketAddress source = (InetSocketAddress) ctx.channel().remoteAddress();
    String path = request.uri().replaceFirst("\\?.*", "");
    if (path.equals("/v1/bundle") && request.method().equals(HttpMethod.GET)) {
      bundle.serve(ctx, request);
      return;
    }
    if (!path.equals("/v1/enroll")) {
      reply(ctx, HttpResponseStatus.NOT_FOUND, error("no such endpoint: " + path + " (POST /v1/enroll, GET /v1/bundle)"));
      return;
    }
    if (!request.method().equals(HttpMethod.POST)) {
      reply(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, error("use POST"));
      return;
    }
    if (!rateLimit.allow(source.getAddress(), System.nanoTime())) {
      LOG.warn("enrollment attempt from {} refused: too many attempts", source.getAddress().getHostAddress());
      reply(ctx, HttpResponseStatus.TOO_MANY_REQUESTS, error("too many enrollment attempts from "
          + source.getAddress().getHostAddress() + "; wait a minute"));
      return;
    }
    byte[] body = new byte[request.content().readableBytes()];
    request.content().readBytes(body);
    worker.execute(() -> enroll(ctx, source, body));
  }

  private void enroll(ChannelHandlerContext ctx, InetSocketAddress source, byte[] body) {
    String from = source.getAddress().getHostAddress();
    Enroller.Request request;
    try {
      JsonNode root = JSON.readTree(body);
      request = new Enroller.Request(root.path("token").asText(null), root.path("name").asText(null),
          root.path("publicKey").asText(null), root.path("facts"));
    } catch (IOException e) {
      LOG.warn("enrollment attempt from {} refused: the body is not JSON", from);
      reply(ctx, HttpResponseStatus.BAD_REQUEST, error("the body must be a JSON object {token, name, publicKey, facts}"));
      return;
    }
    String tokenId = tokenId(request.token());
    try {
      ObjectNode answer = enroller.enroll(request);
      LOG.info("enrollment from {}: node {} with token {}: {} at {}", from, request.name(), tokenId,
          answer.path("status").asText(), answer.path("address").asText());
      reply(ctx, HttpResponseStatus.OK, answer);
    } catch (Refusal r) {
      LOG.warn("enrollment attempt from {} (node {}, token {}) refused: {}", from, request.name(), tokenId, r.getMessage());
      reply(ctx, HttpResponseStatus.valueOf(r.status()), error(r.getMessage()));
    } catch (RuntimeException e) {
      LOG.error("enrollment of node {} from {} (token {}) failed: {}", request.name(), from, tokenId, e.getMessage());
      reply(ctx, HttpResponseStatus.INTERNAL_SERVER_ERROR, error("the hub could not enroll the node: " + e.getMessage()));
    }
  }

  /** The id part of a token for the log, or "malformed"; never the secret. */
  static String tokenId(String token) {
    try {
      return EnrollmentToken.parse(token).id();
    } catch (Refusal e) {
      return "(malformed)";
    }
  }

  private static ObjectNode error(String message) {
    ObjectNode out = JSON.createObjectNode();
    out.put("error", message);
    return out;
  }

  static void reply(ChannelHandlerContext ctx, HttpResponseStatus status, ObjectNode json) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(json);
    } catch (IOException e) {
      bytes = "{\"error\":\"cannot encode the answer\"}".getBytes(StandardCharsets.UTF_8);
    }
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
    // Said, not only done: a client that reuses connections must not send on this one again.
    response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("enrollment connection from {} closed: {}", ctx.channel().remoteAddress(), cause.getMessage());
    ctx.close();
  }
}
