package org.portscope.plugin.jsonl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that JSON is written into directly, without an intermediate String: the
 * output is pure ASCII (anything else in a string is written as a JSON \\u escape).
 *
 * <p>Two kinds of writes: the checked ones ({@link #ascii}, {@link #ch}, {@link #number}, …) grow
 * the buffer themselves; the {@code put…} ones do not, and are for a caller that reserved room
 * first with {@link #reserve} (one bounds check per observation instead of one per byte). Room
 * reserved is always {@link AsciiText#WORDS_MAX} bytes more than asked, since a text written as
 * words may store past its end (what follows overwrites it).
 */
final class AsciiBuffer {
  private static final VarHandle WORD =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /** Two ASCII digits per value 0-99, tens first. */
  private static final byte[] PAIRS = new byte[200];
  /** The decimal text of 0-255, packed as (length << 24) | digits, most significant first. */
  private static final int[] OCTETS = new int[256];

  static {
    for (int i = 0; i < 100; i++) {
      PAIRS[2 * i] = (byte) ('0' + i / 10);
      PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
    }
    for (int i = 0; i < 256; i++) {
      byte[] s = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
      int packed = s.length << 24;
      for (int k = 0; k < s.length; k++) {
        packed |= (s[k] & 0xFF) << (8 * (2 - k));
      }
      OCTETS[i] = packed;
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

  /** Makes room for {@code more} bytes, so that that many {@code put…} bytes may follow. */
  void reserve(int more) {
    int needed = length + more + AsciiText.WORDS_MAX;
    if (needed > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, needed));
    }
  }

  /** Appends text known to be ASCII (keys, labels, formatted numbers). */
  @SuppressWarnings("deprecation")
  AsciiBuffer ascii(String s) {
    int n = s.length();
    reserve(n);
    s.getBytes(0, n, bytes, length); // deprecated but exact for ASCII, and copies without encoding
    length += n;
    return this;
  }

  AsciiBuffer ch(char c) {
    reserve(1);
    bytes[length++] = (byte) c;
    return this;
  }

  AsciiBuffer number(long v) {
    reserve(20);
    if (v >= 0 && v <= Integer.MAX_VALUE) {
      putUint((int) v);
      return this;
    }
    if (v < 0) {
      return ascii(Long.toString(v));
    }
    // Split so the digits are made with int arithmetic. Below 10^14 (TCP sequence numbers above
    // 2^31, the common case here) the low part has five digits, which pairs write in three steps.
    if (v < 100_000_000_000_000L) {
      long high = v / 100_000;
      putUint((int) high);
      putPadded((int) (v - high * 100_000), 5);
      return this;
    }
    long high = v / 1_000_000_000L;
    if (high > Integer.MAX_VALUE) {
      return ascii(Long.toString(v));
    }
    putUint((int) high);
    putPadded((int) (v - high * 1_000_000_000L), 9);
    return this;
  }

  /** A non-negative int. */
  AsciiBuffer number(int v) {
    reserve(10);
    putUint(v);
    return this;
  }

  /** Exactly {@code width} digits of a non-negative int, zero-padded (nanosecond fractions). */
  AsciiBuffer padded(int v, int width) {
    reserve(width);
    putPadded(v, width);
    return this;
  }

  /** An IPv4 address in dotted-quad form. */
  AsciiBuffer ipv4(int a) {
    reserve(15);
    putIpv4(a);
    return this;
  }

  /** A JSON string literal, quotes included. */
  AsciiBuffer string(String s) {
    reserve(2 + 6 * s.length());
    bytes[length++] = '"';
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        bytes[length++] = '\\';
        bytes[length++] = (byte) c;
      } else if (c >= 0x20 && c < 0x7F) {
        bytes[length++] = (byte) c;
      } else {
        bytes[length++] = '\\';
        bytes[length++] = 'u';
        bytes[length++] = HEX[(c >>> 12) & 0xF];
        bytes[length++] = HEX[(c >>> 8) & 0xF];
        bytes[length++] = HEX[(c >>> 4) & 0xF];
        bytes[length++] = HEX[c & 0xF];
      }
    }
    bytes[length++] = '"';
    return this;
  }

  // The unchecked writes below rely on an earlier reserve().

  void put(byte b) {
    bytes[length++] = b;
  }

  void put(AsciiText t) {
    int n = t.length();
    if (n > AsciiText.WORDS_MAX) {
      put(t.bytes());
      return;
    }
    WORD.set(bytes, length, t.w0());
    if (n > 8) {
      WORD.set(bytes, length + 8, t.w1());
      if (n > 16) {
        WORD.set(bytes, length + 16, t.w2());
      }
    }
    length += n;
  }

  void put(byte[] b) {
    System.arraycopy(b, 0, bytes, length, b.length);
    length += b.length;
  }

  /** A non-negative int, two digits per step from the end. */
  void putUint(int v) {
    int at = length + digits(v);
    length = at;
    while (v >= 100) {
      int q = v / 100;
      int r = (v - q * 100) * 2;
      v = q;
      bytes[--at] = PAIRS[r + 1];
      bytes[--at] = PAIRS[r];
    }
    if (v >= 10) {
      bytes[--at] = PAIRS[2 * v + 1];
      bytes[--at] = PAIRS[2 * v];
    } else {
      bytes[--at] = (byte) ('0' + v);
    }
  }

  private static int digits(int v) {
    if (v < 100_000) {
      return v < 100 ? (v < 10 ? 1 : 2) : v < 1_000 ? 3 : v < 10_000 ? 4 : 5;
    }
    return v < 10_000_000 ? (v < 1_000_000 ? 6 : 7)
        : v < 100_000_000 ? 8 : v < 1_000_000_000 ? 9 : 10;
  }

  void putPadded(int v, int width) {
    int end = length + width;
    int at = end;
    while (at - length >= 2) {
      int q = v / 100;
      int r = (v - q * 100) * 2;
      v = q;
      bytes[--at] = PAIRS[r + 1];
      bytes[--at] = PAIRS[r];
    }
    if (at > length) {
      bytes[--at] = (byte) ('0' + v % 10);
    }
    length = end;
  }

  void putIpv4(int a) {
    putOctet(a >>> 24);
    bytes[length++] = '.';
    putOctet((a >>> 16) & 0xFF);
    bytes[length++] = '.';
    putOctet((a >>> 8) & 0xFF);
    bytes[length++] = '.';
    putOctet(a & 0xFF);
  }

  private void putOctet(int o) {
    int packed = OCTETS[o];
    int n = packed >>> 24;
    bytes[length] = (byte) (packed >>> 16);
    if (n > 1) {
      bytes[length + 1] = (byte) (packed >>> 8);
      if (n > 2) {
        bytes[length + 2] = (byte) packed;
      }
    }
    length += n;
  }
}
