package org.portscope.hub.collector;

import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import org.portscope.sensor.api.wire.WireFrames;
import org.portscope.sensor.api.wire.WireLimits;

/**
 * Cuts the byte stream into frames ({@code u32 length | type | payload}) and strips the length.
 * A length over {@link WireLimits#MAX_FRAME_BYTES} fails at once (TooLongFrameException) instead of
 * buffering: the connection is then closed.
 */
final class WireFrameDecoder extends LengthFieldBasedFrameDecoder {
  WireFrameDecoder() {
    super(WireFrames.LENGTH_BYTES + WireLimits.MAX_FRAME_BYTES, 0, WireFrames.LENGTH_BYTES, 0,
        WireFrames.LENGTH_BYTES, true);
  }
}
