package org.portscope.hub.enroll;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.stream.ChunkedFile;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/**
 * The node bundle ({@code /v1/bundle}, a tar.gz of the sensor, its plugins and the scripts),
 * streamed in chunks (TLS cannot send a file region). The bootstrap checks its SHA-256 against
 * the one {@code portscope token create} printed before unpacking it.
 */
final class BundleFile {
  private final Path file;

  /** @param file the bundle, or null when this hub serves none */
  BundleFile(Path file) {
    this.file = file;
  }

  void serve(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (file == null) {
      EnrollHandler.reply(ctx, HttpResponseStatus.NOT_FOUND, new com.fasterxml.jackson.databind.ObjectMapper()
          .createObjectNode().put("error", "this hub serves no node bundle"));
      return;
    }
    try {
      RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r");
      HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/gzip");
      response.headers().set(HttpHeaderNames.CONTENT_LENGTH, raf.length());
      response.headers().set(HttpHeaderNames.CONNECTION, io.netty.handler.codec.http.HttpHeaderValues.CLOSE);
      ctx.write(response);
      ctx.writeAndFlush(new HttpChunkedInput(new ChunkedFile(raf, 0, raf.length(), 64 * 1024)))
          .addListener(ChannelFutureListener.CLOSE);
    } catch (IOException e) {
      EnrollHandler.reply(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, new com.fasterxml.jackson.databind.ObjectMapper()
          .createObjectNode().put("error", "the node bundle cannot be read: " + e.getMessage()));
    }
  }
}
