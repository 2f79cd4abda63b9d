package org.portscope.plugin.cryptopan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.portscope.sensor.api.IpAddress;

class CachedCryptoPanTest {
  private final Random random = new Random(7);
  private final byte[] key = new byte[32];

  CachedCryptoPanTest() {
    random.nextBytes(key);
  }

  /** Addresses in a few /24s and /48s, many repeated, as a telescope sees them. */
  private IpAddress next() {
    int prefix = random.nextInt(40);
    if (random.nextBoolean()) {
      return IpAddress.ofV4(0xC633_0000 | prefix << 8 | random.nextInt(256));
    }
    return IpAddress.ofV6(0x2001_0db8_0000_0000L | (long) prefix << 16 | random.nextInt(3),
        random.nextInt(300));
  }

  @Test
  void givesTheSameAddressesAsUncachedCryptoPanAlsoWhenItEvicts() {
    CryptoPan plain = new CryptoPan(key);
    for (int capacity : new int[] {0, 4, 12, 64, 16_384}) {
      CachedCryptoPan cached = new CachedCryptoPan(new CryptoPan(key), capacity);
      for (int i = 0; i < 30_000; i++) {
        IpAddress a = next();
        assertEquals(plain.anonymize(a), cached.anonymize(a), a + " with cache " + capacity);
      }
    }
  }

  @Test
  void theIpv4PrefixPartAloneGivesTheSameAddresses() {
    CryptoPan plain = new CryptoPan(key);
    V4Cache prefixOnly = new V4Cache(new CryptoPan(key), 16, false);
    for (int i = 0; i < 20_000; i++) {
      int a = 0x0A00_0000 | random.nextInt(64) << 8 | random.nextInt(256);
      assertEquals(plain.anonymizeV4(a), prefixOnly.anonymize(a));
    }
  }

  @Test
  void slotIndexFindsWhatItHoldsAndEvictsTheLeastRecentlyUsedOfASet() {
    SlotIndex index = new SlotIndex(4); // one set of four ways
    assertEquals(4, index.capacity());
    int[] slots = new int[5];
    for (int k = 0; k < 4; k++) {
      assertEquals(-1, index.find(k, 0));
      slots[k] = index.claim(k, 0);
    }
    assertEquals(slots[0], index.find(0, 0)); // 0 is now the most recent, 1 the least
    slots[4] = index.claim(4, 0);
    assertEquals(slots[1], slots[4]);
    assertEquals(-1, index.find(1, 0));
    assertEquals(slots[0], index.find(0, 0));
    assertEquals(slots[4], index.find(4, 0));
  }
}
