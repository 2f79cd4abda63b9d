package org.portscope.sensor.api.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.portscope.sensor.api.Observation;

/**
 * A batch of observations as it travels from a node to the hub: its id, how many observations, and
 * the compressed concatenation of their {@link ObservationCodec} records. The message owns
 * {@code body}; nobody changes it after construction. Equality is by identity of {@code body}.
 *
 * @param id the node's id of this batch, the same on every retry
 * @param count the number of observation records in the body
 * @param compression how {@code body} is compressed
 * @param bodyLength the length of the body after decompression
 * @param body the compressed records
 */
public record BatchMessage(BatchId id, int count, Compression compression, int bodyLength, byte[] body)
    implements WireMessage {
  /** Payload bytes before the body: version, id, count, compression, body length. */
  static final int HEADER_BYTES = 1 + BatchId.BYTES + 4 + 1 + 4;

  public BatchMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(compression, "compression");
    Objects.requireNonNull(body, "body");
    if (count < 0 || count > WireLimits.MAX_OBSERVATIONS) {
      throw new IllegalArgumentException("batch " + id + " has " + count
          + " observations, 0.." + WireLimits.MAX_OBSERVATIONS + " allowed: split it");
    }
    if (bodyLength < 0 || bodyLength > WireLimits.MAX_BODY_BYTES) {
      throw new IllegalArgumentException("batch " + id + " body is " + bodyLength
          + " bytes uncompressed, at most " + WireLimits.MAX_BODY_BYTES + " allowed: split it");
    }
    if (1 + HEADER_BYTES + body.length > WireLimits.MAX_FRAME_BYTES) {
      throw new IllegalArgumentException("batch " + id + " is " + body.length
          + " bytes compressed, over the frame limit of " + WireLimits.MAX_FRAME_BYTES + ": split it");
    }
  }

  /**
   * Encodes and compresses observations into a batch.
   *
   * @throws IllegalArgumentException when an observation does not fit the wire format, or the
   *     batch is over a {@link WireLimits} bound (split it)
   */
  public static BatchMessage of(BatchId id, List<Observation> observations, Compression compression) {
    if (observations.size() > WireLimits.MAX_OBSERVATIONS) {
      throw new IllegalArgumentException("batch " + id + " has " + observations.size()
          + " observations, at most " + WireLimits.MAX_OBSERVATIONS + " allowed: split it");
    }
    ByteArrayOutputStream sink = new ByteArrayOutputStream(64 + observations.size() * 24);
    ByteBuffer scratch = ByteBuffer.allocate(ObservationCodec.MAX_RECORD_BYTES);
    long raw = 0;
    try (OutputStream out = compression.compressor(sink)) {
      for (Observation o : observations) {
        scratch.clear();
        ObservationCodec.encode(o, scratch);
        raw += scratch.position();
        if (raw > WireLimits.MAX_BODY_BYTES) {
          throw new IllegalArgumentException("batch " + id + " is over " + WireLimits.MAX_BODY_BYTES
              + " bytes uncompressed: split it");
        }
        out.write(scratch.array(), 0, scratch.position());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("a memory stream cannot fail", e);
    }
    return new BatchMessage(id, observations.size(), compression, (int) raw, sink.toByteArray());
  }

  /**
   * Decompresses and decodes the body.
   *
   * @throws WireFormatException (carrying this batch's id) when the body is corrupt, inflates to
   *     another length than declared, or holds another number of records than {@link #count}
   */
  public List<Observation> observations() throws WireFormatException {
    try {
      ByteBuffer in = ByteBuffer.wrap(compression.decompress(body, bodyLength));
      List<Observation> out = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        if (!in.hasRemaining()) {
          throw new WireFormatException("body ends after " + i + " of " + count + " observations");
        }
        out.add(ObservationCodec.decode(in));
      }
      if (in.hasRemaining()) {
        throw new WireFormatException(in.remaining() + " bytes follow the " + count
            + " observations the header declares");
      }
      return out;
    } catch (WireFormatException e) {
      throw e.forBatch(id);
    }
  }

  @Override
  public int type() {
    return WireFrames.TYPE_BATCH;
  }

  @Override
  public int payloadSize() {
    return HEADER_BYTES + body.length;
  }

  @Override
  public void writePayload(ByteBuffer out) {
    out.put((byte) WireFrames.VERSION);
    id.write(out);
    out.putInt(count).put((byte) compression.code()).putInt(bodyLength).put(body);
  }

  /** Reads the header and takes the rest of {@code in} as the compressed body (not yet inflated). */
  static BatchMessage readPayload(ByteBuffer in) throws WireFormatException {
    if (in.remaining() < 1 + BatchId.BYTES) {
      throw new WireFormatException("BATCH truncated: " + in.remaining()
          + " bytes, at least " + HEADER_BYTES + " expected");
    }
    int version = Byte.toUnsignedInt(in.get());
    BatchId id = BatchId.read(in);
    try {
      WireFrames.checkVersion("BATCH", version);
      long count = Integer.toUnsignedLong(in.getInt());
      Compression compression = Compression.ofCode(Byte.toUnsignedInt(in.get()));
      long bodyLength = Integer.toUnsignedLong(in.getInt());
      if (count > WireLimits.MAX_OBSERVATIONS) {
        throw new WireFormatException("BATCH declares " + count + " observations, at most "
            + WireLimits.MAX_OBSERVATIONS + " allowed");
      }
      if (bodyLength > WireLimits.MAX_BODY_BYTES) {
        throw new WireFormatException("BATCH declares a body of " + bodyLength
            + " bytes, at most " + WireLimits.MAX_BODY_BYTES + " allowed");
      }
      if (count * ObservationCodec.MIN_RECORD_BYTES > bodyLength) {
        throw new WireFormatException("BATCH declares " + count + " observations in " + bodyLength
            + " bytes; each needs at least " + ObservationCodec.MIN_RECORD_BYTES);
      }
      byte[] body = new byte[in.remaining()];
      in.get(body);
      return new BatchMessage(id, (int) count, compression, (int) bodyLength, body);
    } catch (BufferUnderflowException e) {
      throw new WireFormatException("BATCH header truncated", e).forBatch(id);
    } catch (WireFormatException e) {
      throw e.forBatch(id);
    }
  }
}
