package org.portscope.sensor.api.wire;

import java.nio.ByteBuffer;

/**
 * A message of the collector protocol: a {@link BatchMessage} (node to hub) or an {@link Ack} (hub
 * to node). {@link WireFrames} frames and unframes them.
 */
public sealed interface WireMessage permits BatchMessage, Ack {
  /** The frame type byte: {@link WireFrames#TYPE_BATCH} or {@link WireFrames#TYPE_ACK}. */
  int type();

  /** The payload size in bytes, without the frame's length and type. */
  int payloadSize();

  /** Writes the payload (without the frame's length and type) at {@code out}'s position. */
  void writePayload(ByteBuffer out);
}
