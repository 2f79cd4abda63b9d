package org.portscope.plugin.collector;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.wire.ObservationCodec;

/**
 * The open batch: observations are encoded with {@link ObservationCodec} as they arrive, into one
 * buffer that becomes the batch body, so nothing is held as objects and the size bound is exact.
 * A batch is due when it holds {@code batch-size} observations, {@code batch-bytes} encoded bytes,
 * or its first observation is {@code batch-age} old. Used by the delivery thread only; compressing
 * and spooling happen on the {@link SpoolWriter}'s thread.
 */
final class Batcher {
  private final int maxCount;
  private final int maxBytes;
  private final long maxAgeMillis;
  private final InstantSource clock;
  private final ByteBuffer body;
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

  /** Hands over the open batch's records and starts an empty batch. */
  Encoded take() {
    Encoded e = new Encoded(Arrays.copyOf(body.array(), body.position()), count);
    body.clear();
    count = 0;
    return e;
  }

  /**
   * A batch's records as {@link ObservationCodec} wrote them, one after the other: the body of a
   * BATCH before compression.
   */
  record Encoded(byte[] body, int count) {}
}
