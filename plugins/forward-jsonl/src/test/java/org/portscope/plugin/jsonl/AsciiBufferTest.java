package org.portscope.plugin.jsonl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AsciiBufferTest {
  private static String text(AsciiBuffer b) {
    return new String(b.bytes, 0, b.length, StandardCharsets.US_ASCII);
  }

  @Test
  void numbersMatchTheJdkAcrossTheRange() {
    long[] edges = {0, 9, 10, 99, 100, 999_999_999, 1_000_000_000, Integer.MAX_VALUE,
        Integer.MAX_VALUE + 1L, 0xFFFF_FFFFL, Long.MAX_VALUE, -1, Long.MIN_VALUE};
    AsciiBuffer b = new AsciiBuffer(4);
    for (long v : edges) {
      b.clear();
      assertEquals(Long.toString(v), text(b.number(v)));
    }
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 100_000; i++) {
      long v = r.nextLong() >>> r.nextInt(64);
      b.clear();
      assertEquals(Long.toString(v), text(b.number(v)));
    }
  }

  @Test
  void stringsAreEscapedToPureAscii() throws Exception {
    AsciiBuffer b = new AsciiBuffer(1);
    assertEquals("\"a\\\"b\\\\c\\u000a\\u00e9\\u2603\"", text(b.string("a\"b\\c\né☃")));
    b.clear();
    assertEquals("000000042", text(b.padded(42, 9)));
    b.clear();
    assertEquals("198.18.0.255", text(b.ipv4(0xC61200FF)));
    for (int a : new int[] {0, -1, 0x0A640109, 0x01020304, 0x7F000001, 0x0A0B0C0D}) {
      b.clear();
      assertEquals(java.net.InetAddress.getByAddress(new byte[] {(byte) (a >>> 24), (byte) (a >>> 16),
          (byte) (a >>> 8), (byte) a}).getHostAddress(), text(b.ipv4(a)));
    }
  }

  @Test
  void textsWrittenAsWordsEndWhereTheyShouldAtEveryLength() {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    for (int n = 0; n <= alphabet.length(); n++) {
      AsciiText t = AsciiText.of(alphabet.substring(0, n));
      // Exactly the room asked for: a word store past the text's end must still fit.
      AsciiBuffer b = new AsciiBuffer(1);
      b.reserve(2 + n);
      b.put((byte) '<');
      b.put(t);
      b.put((byte) '>');
      assertEquals("<" + alphabet.substring(0, n) + ">", text(b), "length " + n);
    }
  }

  @Test
  void paddedNumbersHaveTheirWidthAndLeadingZeros() {
    SplittableRandom r = new SplittableRandom(11);
    AsciiBuffer b = new AsciiBuffer(4);
    for (int width = 1; width <= 9; width++) {
      int bound = (int) Math.pow(10, width);
      for (int i = 0; i < 2_000; i++) {
        int v = i < 3 ? new int[] {0, 1, bound - 1}[i] : r.nextInt(bound);
        b.clear();
        assertEquals(String.format("%0" + width + "d", v), text(b.padded(v, width)), "width " + width);
      }
    }
  }
}
