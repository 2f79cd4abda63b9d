package org.portscope.plugin.jsonl;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A piece of JSON text that is written again and again (a key, a label, a cached node name), also
 * held as up to three 8-byte words: {@link AsciiBuffer#put(AsciiText)} then stores at most 24 bytes
 * with three plain stores instead of calling the array-copy routine, which for texts this short
 * cost more than the copy (a fifth of the encoder's time). A record, so the JIT folds a constant's
 * words and length into the stores.
 */
record AsciiText(byte[] bytes, long w0, long w1, long w2) {
  /** The longest text written as words. */
  static final int WORDS_MAX = 24;

  static AsciiText of(String ascii) {
    return of(ascii.getBytes(StandardCharsets.US_ASCII));
  }

  static AsciiText of(byte[] bytes) {
    return of(bytes, bytes.length);
  }

  /** The text of {@code bytes[0, length)}, copied. */
  static AsciiText of(byte[] bytes, int length) {
    byte[] padded = Arrays.copyOf(bytes, Math.max(length, WORDS_MAX));
    Arrays.fill(padded, length, padded.length, (byte) 0);
    return new AsciiText(Arrays.copyOf(bytes, length), word(padded, 0), word(padded, 8),
        word(padded, 16));
  }

  int length() {
    return bytes.length;
  }

  private static long word(byte[] b, int from) {
    long w = 0;
    for (int i = 7; i >= 0; i--) {
      w = (w << 8) | (b[from + i] & 0xFF); // little-endian, as AsciiBuffer stores words
    }
    return w;
  }
}
