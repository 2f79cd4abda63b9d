package org.portscope.sensor.api.wire;

/**
 * The bounds both sides enforce, so that no input can make a reader allocate without limit or wait
 * for bytes that will never come. A writer refuses to produce anything beyond them (split the batch);
 * a reader refuses to accept it.
 */
public final class WireLimits {
  /** The largest frame payload (after the 4-byte length): 8 MiB. */
  public static final int MAX_FRAME_BYTES = 8 << 20;
  /** The largest uncompressed batch body: 32 MiB. */
  public static final int MAX_BODY_BYTES = 32 << 20;
  /** The most observations in one batch. */
  public static final int MAX_OBSERVATIONS = 200_000;
  /** The longest string field of an observation (node, tool, key id), in UTF-8 bytes. */
  public static final int MAX_STRING_BYTES = 255;
  /** The longest TCP options field (TCP allows 40; a u8 length allows 255). */
  public static final int MAX_TCP_OPTIONS_BYTES = 255;
  /** The most first bytes of a session an observation record carries: 16 KiB. */
  public static final int MAX_SESSION_BYTES = 16 << 10;
  /** The longest detail text of an ACK, in UTF-8 bytes. */
  public static final int MAX_ACK_DETAIL_BYTES = 1024;

  private WireLimits() {}
}
