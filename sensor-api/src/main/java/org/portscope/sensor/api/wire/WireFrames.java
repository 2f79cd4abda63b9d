package org.portscope.sensor.api.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * Frames of the collector protocol on a byte stream: {@code u32 length | u8 type | payload}, the
 * length counting the type byte and the payload and never over {@link WireLimits#MAX_FRAME_BYTES}.
 * For blocking sockets ({@link #write}, {@link #read}) and for event loops that cut frames
 * themselves ({@link #encode}, {@link #decode}).
 */
public final class WireFrames {
  /** The protocol version carried as the first payload byte of every message. */
  public static final int VERSION = 1;
  /** Bytes of the length field that starts each frame. */
  public static final int LENGTH_BYTES = 4;
  /** Frame type of a {@link BatchMessage} (node to hub). */
  public static final int TYPE_BATCH = 1;
  /** Frame type of an {@link Ack} (hub to node). */
  public static final int TYPE_ACK = 2;

  private WireFrames() {}

  /** The whole frame, length field included. */
  public static byte[] encode(WireMessage m) {
    int length = 1 + m.payloadSize();
    ByteBuffer buf = ByteBuffer.allocate(LENGTH_BYTES + length);
    buf.putInt(length).put((byte) m.type());
    m.writePayload(buf);
    if (buf.hasRemaining()) {
      throw new IllegalStateException(m.getClass().getSimpleName() + " wrote " + buf.position()
          + " bytes, announced " + buf.capacity());
    }
    return buf.array();
  }

  /** Writes one frame; the caller flushes. */
  public static void write(WireMessage m, OutputStream out) throws IOException {
    out.write(encode(m));
  }

  /**
   * Reads one frame. Blocks until it is complete; a socket read timeout bounds the wait.
   *
   * @return the message, or {@code null} when the stream ended cleanly before a frame began
   * @throws EOFException when the stream ends inside a frame
   * @throws WireFormatException when the length is out of bounds or the frame is invalid
   */
  public static WireMessage read(InputStream in) throws IOException {
    byte[] len = in.readNBytes(LENGTH_BYTES);
    if (len.length == 0) {
      return null;
    }
    if (len.length < LENGTH_BYTES) {
      throw new EOFException("stream ended inside a frame length (" + len.length + " of 4 bytes)");
    }
    int length = ByteBuffer.wrap(len).getInt();
    checkLength(Integer.toUnsignedLong(length));
    byte[] frame = in.readNBytes(length);
    if (frame.length < length) {
      throw new EOFException("stream ended inside a frame: " + frame.length + " of " + length + " bytes");
    }
    return decode(ByteBuffer.wrap(frame));
  }

  /**
   * Checks a frame length read from the wire.
   *
   * @throws WireFormatException unless it is 1..{@link WireLimits#MAX_FRAME_BYTES}
   */
  public static void checkLength(long length) throws WireFormatException {
    if (length < 1 || length > WireLimits.MAX_FRAME_BYTES) {
      throw new WireFormatException("frame length " + length + " is outside 1.."
          + WireLimits.MAX_FRAME_BYTES);
    }
  }

  /**
   * Decodes one frame without its length field: the type byte and the payload, exactly.
   *
   * @throws WireFormatException when the type is unknown or the payload is invalid; it carries the
   *     batch id when the frame is a batch whose id could be read
   */
  public static WireMessage decode(ByteBuffer frame) throws WireFormatException {
    if (!frame.hasRemaining()) {
      throw new WireFormatException("empty frame: a type byte expected");
    }
    int type = Byte.toUnsignedInt(frame.get());
    try {
      WireMessage m = switch (type) {
        case TYPE_BATCH -> BatchMessage.readPayload(frame);
        case TYPE_ACK -> Ack.readPayload(frame);
        default -> throw new WireFormatException("unknown frame type " + type
            + " (" + TYPE_BATCH + " BATCH, " + TYPE_ACK + " ACK expected)");
      };
      if (frame.hasRemaining()) {
        throw new WireFormatException(frame.remaining() + " bytes follow the message in its frame");
      }
      return m;
    } catch (BufferUnderflowException e) {
      throw new WireFormatException("frame of type " + type + " truncated", e);
    }
  }

  static void checkVersion(String what, int version) throws WireFormatException {
    if (version != VERSION) {
      throw new WireFormatException(RefusalReason.UNSUPPORTED_VERSION, what + " protocol version "
          + version + " is not supported (" + VERSION + " expected)", null);
    }
  }
}
