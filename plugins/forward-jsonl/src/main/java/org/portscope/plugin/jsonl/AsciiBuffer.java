package org.portscope.plugin.jsonl;

import java.util.Arrays;

/**
 * A growable byte buffer that JSON is written into directly, without an intermediate String: the
 * output is pure ASCII (anything else in a string is written as a JSON \\u escape).
 */
final class AsciiBuffer {
  private static final byte[] DIGITS = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private static final byte[] TENS = new byte[100];
  private static final byte[] ONES = new byte[100];

  static {
    for (int i = 0; i < 100; i++) {
      TENS[i] = (byte) ('0' + i / 10);
      ONES[i] = (byte) ('0' + i % 10);
    }
  }

  byte[] bytes;
  int length;

  AsciiBuffer(int capacity) {
    bytes = new byte[capacity];
  }

  void clear() {
    length = 0;
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }

  /** Appends text known to be ASCII (keys, labels, formatted numbers). */
  @SuppressWarnings("deprecation")
  AsciiBuffer ascii(String s) {
    int n = s.length();
    ensure(n);
    s.getBytes(0, n, bytes, length); // deprecated but exact for ASCII, and copies without encoding
    length += n;
    return this;
  }

  AsciiBuffer ch(char c) {
    ensure(1);
    bytes[length++] = (byte) c;
    return this;
  }

  AsciiBuffer number(long v) {
    if (v >= 0 && v <= Integer.MAX_VALUE) {
      return number((int) v);
    }
    if (v < 0) {
      return ascii(Long.toString(v));
    }
    // Split so the digits are made with int arithmetic: one long division instead of twenty.
    long high = v / 1_000_000_000L;
    if (high > Integer.MAX_VALUE) {
      return ascii(Long.toString(v));
    }
    number((int) high);
    return padded((int) (v - high * 1_000_000_000L), 9);
  }

  /** A non-negative int, written two digits per step without reversing. */
  AsciiBuffer number(int v) {
    int digits = digits(v);
    ensure(digits);
    int at = length + digits;
    while (v >= 100) {
      int q = v / 100;
      int r = v - q * 100;
      v = q;
      bytes[--at] = ONES[r];
      bytes[--at] = TENS[r];
    }
    if (v >= 10) {
      bytes[--at] = ONES[v];
      bytes[--at] = TENS[v];
    } else {
      bytes[--at] = (byte) ('0' + v);
    }
    length += digits;
    return this;
  }

  private static int digits(int v) {
    int d = 1;
    for (int limit = 10; d < 10 && v >= limit; limit *= 10) {
      d++;
    }
    return d;
  }

  /** Exactly {@code width} digits of a non-negative int, zero-padded (nanosecond fractions). */
  AsciiBuffer padded(int v, int width) {
    ensure(width);
    for (int i = length + width - 1; i >= length; i--) {
      int q = v / 10;
      bytes[i] = (byte) ('0' + (v - q * 10));
      v = q;
    }
    length += width;
    return this;
  }

  /** An IPv4 address in dotted-quad form. */
  AsciiBuffer ipv4(int a) {
    number((a >>> 24) & 0xFF).ch('.').number((a >>> 16) & 0xFF).ch('.').number((a >>> 8) & 0xFF);
    return ch('.').number(a & 0xFF);
  }

  /** A JSON string literal, quotes included. */
  AsciiBuffer string(String s) {
    ch('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        ch('\\').ch(c);
      } else if (c >= 0x20 && c < 0x7F) {
        ch(c);
      } else {
        ensure(6);
        bytes[length++] = '\\';
        bytes[length++] = 'u';
        bytes[length++] = DIGITS[(c >>> 12) & 0xF];
        bytes[length++] = DIGITS[(c >>> 8) & 0xF];
        bytes[length++] = DIGITS[(c >>> 4) & 0xF];
        bytes[length++] = DIGITS[c & 0xF];
      }
    }
    return ch('"');
  }
}
