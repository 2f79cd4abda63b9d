package org.portscope.plugin.collector;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.wire.BatchId;
import org.portscope.sensor.api.wire.BatchMessage;
import org.portscope.sensor.api.wire.Compression;
import org.portscope.sensor.api.wire.ObservationCodec;
import org.portscope.sensor.api.wire.WireFrames;

/**
 * The open batch: observations are encoded with {@link ObservationCodec} as they arrive, into one
 * buffer that becomes the batch body, so nothing is held as objects and the size bound is exact.
 * A batch is due when it holds {@code batch-size} observations, {@code batch-bytes} encoded bytes,
 * or its first observation is {@code batch-age} old. Used by the delivery thread only.
 */
final class Batcher {
  private final int maxCount;
  private final int maxBytes;
  private final long maxAgeMillis;
  private final InstantSource clock;
  private final ByteBuffer body;
  private final Deflater deflater = new Deflater(Deflater.BEST_SPEED);
  private byte[] compressed = new byte[1024];
  private int count;
  private long openedAtMillis;

  Batcher(int maxCount, int maxBytes, Duration maxAge, InstantSource clock) {
    this.maxCount = maxCount;
    this.maxBytes = maxBytes;
    this.maxAgeMillis = maxAge.toMillis();
    this.clock = clock;
    // Room for one more record past the bound: a batch is sealed after the record that reaches it.
    this.body = ByteBuffer.allocate(maxBytes + ObservationCodec.MAX_RECORD_BYTES);
  }

  /**
   * Adds one observation.
   *
   * @return true when the batch is now full (by count or bytes) and should be sealed
   * @throws IllegalArgumentException when the observation does not fit the wire format; the
   *     batch is left as it was
   */
  boolean add(Observation o) {
    int mark = body.position();
    try {
      ObservationCodec.encode(o, body);
    } catch (IllegalArgumentException | BufferOverflowException e) {
      body.position(mark);
      throw e instanceof IllegalArgumentException iae ? iae
          : new IllegalArgumentException("observation record over " + ObservationCodec.MAX_RECORD_BYTES + " bytes", e);
    }
    if (count++ == 0) {
      openedAtMillis = clock.millis();
    }
    return count >= maxCount || body.position() >= maxBytes;
  }

  /** Whether the open batch holds something that has waited {@code batch-age} or longer. */
  boolean aged() {
    return count > 0 && clock.millis() - openedAtMillis >= maxAgeMillis;
  }

  boolean isEmpty() {
    return count == 0;
  }

  int count() {
    return count;
  }

  /**
   * Compresses the open batch into a BATCH frame under a new id and starts an empty batch.
   *
   * @return the frame as {@link WireFrames#encode} makes it
   */
  Sealed seal() {
    BatchId id = BatchId.random();
    int length = body.position();
    deflater.reset();
    deflater.setInput(body.array(), 0, length);
    deflater.finish();
    int n = 0;
    while (!deflater.finished()) {
      if (n == compressed.length) {
        compressed = Arrays.copyOf(compressed, compressed.length * 2);
      }
      n += deflater.deflate(compressed, n, compressed.length - n);
    }
    BatchMessage message = new BatchMessage(id, count, Compression.DEFLATE, length,
        Arrays.copyOf(compressed, n));
    Sealed sealed = new Sealed(id, count, WireFrames.encode(message));
    body.clear();
    count = 0;
    return sealed;
  }

  /** A sealed batch: its id, how many observations, and the frame to spool and send. */
  record Sealed(BatchId id, int count, byte[] frame) {}

  void close() {
    deflater.end();
  }
}
