package org.portscope.sensor.api.wire;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The 16-byte id a node gives a batch: unique among everything any node ever sends, and the same on
 * every retry of that batch, also after the node restarts (so it is stored with the spooled batch).
 * The hub stores a batch and records its id in one transaction and answers a batch whose id it
 * already holds with {@link AckStatus#DUPLICATE}.
 *
 * @param hi the first 8 bytes, big-endian
 * @param lo the last 8 bytes, big-endian
 */
public record BatchId(long hi, long lo) {
  public static final int BYTES = 16;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  /** A fresh random id (122 random bits are plenty; all 128 are random here). */
  public static BatchId random() {
    byte[] b = new byte[BYTES];
    RANDOM.nextBytes(b);
    return fromBytes(b);
  }

  /** From exactly 16 bytes. */
  public static BatchId fromBytes(byte[] b) {
    if (b.length != BYTES) {
      throw new IllegalArgumentException("a batch id has 16 bytes, got " + b.length);
    }
    ByteBuffer buf = ByteBuffer.wrap(b);
    return new BatchId(buf.getLong(), buf.getLong());
  }

  /**
   * From 32 hex digits, as {@link #toString()} prints it.
   *
   * @throws IllegalArgumentException naming the text when it is not 32 hex digits
   */
  public static BatchId parse(String hex) {
    if (hex.length() != 2 * BYTES) {
      throw new IllegalArgumentException("'" + hex + "' is not a batch id (32 hex digits expected)");
    }
    try {
      return fromBytes(HEX.parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + hex + "' is not a batch id (32 hex digits expected)", e);
    }
  }

  static BatchId read(ByteBuffer in) {
    return new BatchId(in.getLong(), in.getLong());
  }

  void write(ByteBuffer out) {
    out.putLong(hi).putLong(lo);
  }

  public byte[] toBytes() {
    return ByteBuffer.allocate(BYTES).putLong(hi).putLong(lo).array();
  }

  /** 32 lower-case hex digits. */
  @Override
  public String toString() {
    return HEX.toHexDigits(hi) + HEX.toHexDigits(lo);
  }
}
