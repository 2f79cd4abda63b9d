package org.portscope.plugin.cryptopan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.portscope.sensor.api.IpAddress;

class CryptoPanTest {
  private final Random random = new Random(20260101);

  private static IpAddress ip(String text) {
    return AddressText.parse(text).address();
  }

  @Test
  void mapsTheReferenceSampleExactlyAsTheReferenceImplementation() throws Exception {
    List<Vectors.Pair> sample = Vectors.referenceSample();
    assertEquals(100, sample.size());
    CryptoPan pan = new CryptoPan(Vectors.SAMPLE_KEY);
    for (Vectors.Pair p : sample) {
      assertEquals(ip(p.anonymized()), pan.anonymize(ip(p.original())), "line " + p.line());
      assertEquals(ip(p.original()), pan.deanonymize(ip(p.anonymized())), "line " + p.line());
    }
  }

  @Test
  void agreesWithOtherImplementationsOnIpv4AndIpv6() throws Exception {
    int v6 = 0;
    for (Vectors.Pair p : Vectors.published()) {
      CryptoPan pan = new CryptoPan(p.key());
      IpAddress original = ip(p.original());
      assertEquals(ip(p.anonymized()), pan.anonymize(original), "vector on line " + p.line());
      assertEquals(original, pan.deanonymize(ip(p.anonymized())), "vector on line " + p.line());
      v6 += original.isV4() ? 0 : 1;
    }
    assertTrue(v6 >= 30, "too few IPv6 vectors: " + v6);
  }

  @Test
  void sharesExactlyTheInputsCommonPrefixOnRandomIpv4Pairs() {
    for (int n = 0; n < 40; n++) {
      CryptoPan pan = new CryptoPan(randomKey());
      for (int k = 0; k <= 32; k++) {
        int a = random.nextInt();
        int b = a;
        if (k < 32) {
          int keep = k == 0 ? 0 : -1 << (32 - k);
          int below = k == 31 ? 0 : random.nextInt() >>> (k + 1); // >>> 32 would shift nothing
          b = (a & keep) | (~a & (1 << (31 - k))) | below;
        }
        assertEquals(k, common(a, b), "test pair");
        assertEquals(k, common(pan.anonymizeV4(a), pan.anonymizeV4(b)),
            "outputs of a pair sharing " + k + " bits");
      }
    }
  }

  @Test
  void sharesExactlyTheInputsCommonPrefixOnRandomIpv6Pairs() {
    for (int n = 0; n < 4; n++) {
      CryptoPan pan = new CryptoPan(randomKey());
      for (int k = 0; k <= 128; k++) {
        IpAddress a = IpAddress.ofV6(random.nextLong(), random.nextLong());
        IpAddress b = withCommonPrefix(a, k);
        assertEquals(k, common(a, b), "test pair");
        assertEquals(k, common(pan.anonymize(a), pan.anonymize(b)),
            "outputs of a pair sharing " + k + " bits");
      }
    }
  }

  @Test
  void theKeyHolderGetsRandomAddressesBack() {
    for (int n = 0; n < 20; n++) {
      CryptoPan pan = new CryptoPan(randomKey());
      for (int i = 0; i < 50; i++) {
        IpAddress v4 = IpAddress.ofV4(random.nextInt());
        IpAddress v6 = IpAddress.ofV6(random.nextLong(), random.nextLong());
        IpAddress anon4 = pan.anonymize(v4);
        assertEquals(v4, pan.deanonymize(anon4));
        assertEquals(v6, pan.deanonymize(pan.anonymize(v6)));
        assertEquals(anon4.v4(), pan.anonymizeV4(v4.v4()));
      }
    }
  }

  @Test
  void refusesAKeyThatIsNot32Bytes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new CryptoPan(new byte[16]));
    assertTrue(e.getMessage().contains("32 bytes"), e.getMessage());
  }

  private byte[] randomKey() {
    byte[] key = new byte[32];
    random.nextBytes(key);
    return key;
  }

  /** A random address that shares exactly k leading bits with a. */
  private IpAddress withCommonPrefix(IpAddress a, int k) {
    if (k == 128) {
      return a;
    }
    IpAddress r = IpAddress.ofV6(random.nextLong(), random.nextLong());
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 128; i++) {
      boolean bit = i < k ? a.bit(i) : i == k ? !a.bit(i) : r.bit(i);
      if (bit) {
        if (i < 64) {
          hi |= 1L << (63 - i);
        } else {
          lo |= 1L << (127 - i);
        }
      }
    }
    return IpAddress.ofV6(hi, lo);
  }

  static int common(int a, int b) {
    return Integer.numberOfLeadingZeros(a ^ b);
  }

  static int common(IpAddress a, IpAddress b) {
    long hi = a.hi() ^ b.hi();
    return hi != 0 ? Long.numberOfLeadingZeros(hi) : 64 + Long.numberOfLeadingZeros(a.lo() ^ b.lo());
  }
}
