package org.portscope.sensor.core.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.portscope.sensor.api.IpAddress;

class SourceTableTest {
  private static IpAddress v4(int i) {
    return IpAddress.ofV4(0xC633_6400 + i);
  }

  /** One packet from a source: says whether it was known, and marks it known. */
  private static boolean visit(SourceTable t, IpAddress a) {
    t.beginPacket();
    int s = t.slot(a);
    boolean known = t.has(s, 0);
    t.set(s, 0, 1);
    return known;
  }

  @Test
  void aNewSourceHasNoFieldsAndKeepsItsSlot() {
    SourceTable t = new SourceTable(4, 2);
    int s = t.slot(v4(1));
    assertFalse(t.has(s, 0));
    assertFalse(t.has(s, 1));
    t.set(s, 1, 0xDEAD_BEEF_CAFEL);
    t.slot(v4(2));
    assertEquals(s, t.slot(v4(1)));
    assertFalse(t.has(s, 0));
    assertTrue(t.has(s, 1));
    assertEquals(0xDEAD_BEEF_CAFEL, t.get(s, 1));
    assertEquals(v4(1), t.sourceAt(s));
    assertEquals(2, t.size());
  }

  @Test
  void versionsAreKeptApart() {
    SourceTable t = new SourceTable(4, 1);
    visit(t, IpAddress.ofV4(1));
    assertFalse(visit(t, IpAddress.ofV6(0, 1)));
    assertTrue(visit(t, IpAddress.ofV4(1)));
  }

  @Test
  void theClockEvictsTheFirstSourceNotSeenAgain() {
    SourceTable t = new SourceTable(3, 1);
    visit(t, v4(1));
    visit(t, v4(2));
    visit(t, v4(3));
    visit(t, v4(1)); // referenced: gets a second chance
    visit(t, v4(4)); // evicts 2
    assertTrue(visit(t, v4(1)));
    assertTrue(visit(t, v4(3)));
    assertTrue(visit(t, v4(4)));
    assertFalse(visit(t, v4(2)));
    assertEquals(3, t.size());
  }

  @Test
  void severalLookupsForOnePacketAreOneSighting() {
    SourceTable t = new SourceTable(2, 1);
    t.beginPacket();
    t.slot(v4(1));
    t.slot(v4(1)); // a second user asking about the same packet
    visit(t, v4(2));
    visit(t, v4(3)); // 1 was seen once only, so it goes first
    assertFalse(visit(t, v4(1)));
  }

  @Test
  void aFloodOfOneOffSourcesDoesNotFlushAReturningOne() {
    SourceTable t = new SourceTable(4, 1);
    IpAddress returning = v4(1000);
    visit(t, returning);
    visit(t, returning);
    for (int i = 0; i < 4; i++) {
      visit(t, v4(i)); // strict LRU would have evicted the returning source by now
    }
    assertTrue(visit(t, returning));
    for (int i = 0; i < 100; i++) {
      visit(t, v4(10 + i));
    }
    assertFalse(visit(t, returning), "memory is still bounded: an idle source goes eventually");
  }

  /** Random visits against a model of which source holds which slot; a tiny table forces churn. */
  @Test
  void indexStaysConsistentUnderChurn() {
    SourceTable t = new SourceTable(37, 1, 42);
    Map<IpAddress, Integer> slotOf = new HashMap<>();
    Map<Integer, IpAddress> holder = new HashMap<>();
    Random random = new Random(7);
    for (int step = 0; step < 200_000; step++) {
      IpAddress a = random.nextBoolean() ? v4(random.nextInt(80))
          : IpAddress.ofV6(0x2001_0db8_0000_0000L, random.nextInt(40));
      int s = t.slot(a);
      Integer expected = slotOf.get(a);
      if (expected != null) {
        assertEquals(expected.intValue(), s, "step " + step + ": " + a + " moved");
        assertTrue(t.has(s, 0), "step " + step + ": " + a + " lost its field");
      } else {
        assertFalse(t.has(s, 0), "step " + step + ": slot " + s + " kept a field of its last source");
        IpAddress evicted = holder.put(s, a);
        if (evicted != null) {
          slotOf.remove(evicted);
        }
        slotOf.put(a, s);
        t.set(s, 0, step);
      }
      assertEquals(a, t.sourceAt(s));
      assertEquals(slotOf.size(), t.size());
    }
  }

  @Test
  void theHashIsSaltedPerTable() {
    // Spoofed floods choose source addresses; with a per-table salt they cannot aim at one chain.
    SourceTable a = new SourceTable(1024, 1, 1);
    SourceTable b = new SourceTable(1024, 1, 2);
    int same = 0;
    for (int i = 0; i < 1000; i++) {
      if (a.bucketOf(v4(i)) == b.bucketOf(v4(i))) {
        same++;
      }
    }
    assertTrue(same < 20, same + " of 1000 addresses landed in the same bucket under both salts");
  }

  @Test
  void sizesOutsideTheRangeAreRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new SourceTable(0, 1));
    assertTrue(e.getMessage().contains("got 0"));
    e = assertThrows(IllegalArgumentException.class, () -> new SourceTable(8, 9));
    assertTrue(e.getMessage().contains("got 9"));
  }
}
