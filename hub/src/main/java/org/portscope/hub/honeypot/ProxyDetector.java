package org.portscope.hub.honeypot;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Tells a relayed connection (it opens with a PROXY protocol header, v2 from portscope's relay, or
 * v1) from a direct one, by as few bytes as it takes: a relayed one gets Netty's
 * {@link HAProxyMessageDecoder} in its place, a direct one goes straight on. Bytes read meanwhile
 * are passed on, never lost.
 */
final class ProxyDetector extends ByteToMessageDecoder {
  private static final byte[] V2 = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
  private static final byte[] V1 = "PROXY ".getBytes(StandardCharsets.US_ASCII);

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    int v2 = match(in, V2);
    int v1 = match(in, V1);
    if (v2 == V2.length || v1 == V1.length) {
      ctx.pipeline().replace(this, "proxy-protocol", new HAProxyMessageDecoder());
    } else if (v2 < 0 && v1 < 0) {
      ctx.pipeline().remove(this);
    }
    // else: a prefix of a header so far; wait for more
  }

  /** How many bytes of {@code signature} the buffer matches (all it has), or -1 at a mismatch. */
  private static int match(ByteBuf in, byte[] signature) {
    int n = Math.min(in.readableBytes(), signature.length);
    for (int i = 0; i < n; i++) {
      if (in.getByte(in.readerIndex() + i) != signature[i]) {
        return -1;
      }
    }
    return n;
  }
}
