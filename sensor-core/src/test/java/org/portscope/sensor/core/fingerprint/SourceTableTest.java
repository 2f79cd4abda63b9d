package org.portscope.sensor.core.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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

  /** {@code n} distinct addresses, starting at {@code from}, that hash to {@code bucket}. */
  private static List<IpAddress> inBucket(SourceTable t, int bucket, int from, int n) {
    List<IpAddress> found = new ArrayList<>();
    for (int i = from; found.size() < n; i++) {
      if (t.bucketOf(IpAddress.ofV4(i)) == bucket) {
        found.add(IpAddress.ofV4(i));
      }
    }
    return found;
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

  /** The version takes part in the match even where the hash tags agree. */
  @Test
  void anIpv4AndAnIpv6AddressWithEqualBitsAndEqualTagsAreTwoSources() {
    SourceTable t = new SourceTable(8, 1, 5);
    int x = 0;
    while (t.tagOf(IpAddress.ofV4(x)) != t.tagOf(IpAddress.ofV6(0, x))) {
      x++;
    }
    IpAddress four = IpAddress.ofV4(x);
    IpAddress six = IpAddress.ofV6(0, x);
    t.set(t.slot(four), 0, 4);
    int s6 = t.slot(six);
    assertFalse(t.has(s6, 0), "the IPv6 address found the IPv4 one's field");
    t.set(s6, 0, 6);
    assertEquals(4, t.get(t.slot(four), 0));
    assertEquals(6, t.get(t.slot(six), 0));
    assertEquals(four, t.sourceAt(t.slot(four)));
    assertEquals(six, t.sourceAt(s6));
  }

  /** Two distinct addresses from {@code make(0), make(1), ...} with equal bucket and tag. */
  private static IpAddress[] collision(SourceTable t, IntFunction<IpAddress> make) {
    Map<Long, IpAddress> seen = new HashMap<>();
    for (int i = 0; ; i++) {
      IpAddress b = make.apply(i);
      IpAddress a = seen.putIfAbsent((long) t.bucketOf(b) << 16 | t.tagOf(b), b);
      if (a != null) {
        return new IpAddress[] {a, b};
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"IPv4", "IPv6 differing in the first 64 bits only"})
  void addressesWithTheSameBucketAndTagAreTwoSources(String kind) {
    SourceTable t = new SourceTable(1024, 1, 9);
    IpAddress[] pair = collision(t, kind.equals("IPv4") ? IpAddress::ofV4
        : i -> IpAddress.ofV6(0x2001_0db8_0000_0000L + i, 1));
    IpAddress a = pair[0];
    IpAddress b = pair[1];
    int sa = t.slot(a);
    t.set(sa, 0, 1);
    int sb = t.slot(b);
    assertNotEquals(sa, sb);
    assertFalse(t.has(sb, 0), b + " took over " + a + "'s state");
    t.set(sb, 0, 2);
    assertEquals(sa, t.slot(a));
    assertEquals(1, t.get(sa, 0));
    assertEquals(sb, t.slot(b));
    assertEquals(2, t.get(sb, 0));
    assertEquals(a, t.sourceAt(sa));
    assertEquals(b, t.sourceAt(sb));
  }

  @Test
  void theClockOfAOneBucketTableEvictsTheFirstSourceNotSeenAgain() {
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
  void aFullBucketEvictsOneOfItsOwnAndNoOtherBucketLoses() {
    SourceTable t = new SourceTable(1024, 1, 3);
    List<IpAddress> mine = inBucket(t, 17, 0, SourceTable.WAYS + 1);
    List<IpAddress> next = inBucket(t, 18, 0, SourceTable.WAYS);
    next.forEach(a -> visit(t, a));
    mine.subList(0, SourceTable.WAYS).forEach(a -> visit(t, a));
    assertEquals(2 * SourceTable.WAYS, t.size());
    assertFalse(visit(t, mine.get(SourceTable.WAYS)));
    assertEquals(2 * SourceTable.WAYS, t.size(), "a full bucket evicts instead of growing");
    assertFalse(visit(t, mine.get(0)), "the first way, not seen again, went");
    for (IpAddress a : next) {
      assertTrue(visit(t, a), a + " lost to a neighbouring bucket");
    }
  }

  @Test
  void aFloodOfOneOffSourcesInABucketDoesNotFlushAReturningOne() {
    SourceTable t = new SourceTable(1024, 1, 11);
    int bucket = t.bucketOf(v4(1000));
    List<IpAddress> flood = inBucket(t, bucket, 1 << 20, 500);
    IpAddress returning = v4(1000);
    visit(t, returning);
    visit(t, returning);
    int next = 0;
    for (int i = 0; i < SourceTable.WAYS; i++) {
      visit(t, flood.get(next++)); // more than the bucket holds: FIFO or LRU would have let it go
    }
    assertTrue(visit(t, returning));
    for (int round = 0; round < 50; round++) {
      for (int i = 0; i < SourceTable.WAYS - 1; i++) {
        visit(t, flood.get(next++));
      }
      assertTrue(visit(t, returning), "round " + round);
    }
    for (int i = 0; i < 100_000; i++) {
      if (t.bucketOf(IpAddress.ofV4(i << 8)) != bucket) {
        visit(t, IpAddress.ofV4(i << 8)); // floods of other buckets do not touch this one
      }
    }
    assertTrue(visit(t, returning));
    for (int i = 0; i < 2 * SourceTable.WAYS; i++) {
      visit(t, flood.get(next++));
    }
    assertFalse(visit(t, returning), "memory is still bounded: an idle source goes eventually");
  }

  @Test
  void aWayThatChangesHandsHasNoFieldSetAndTheOtherWayIsIntact() {
    SourceTable t = new SourceTable(2, 2);
    int[] way = {t.slot(v4(1)), t.slot(v4(2))};
    for (int i = 1; i <= 2; i++) {
      t.set(way[i - 1], 0, i);
      t.set(way[i - 1], 1, i);
    }
    for (int i = 3; i < 20; i++) { // each eviction moves the hand kept in way 0's spare bits
      int taken = t.slot(v4(i));
      assertEquals(way[(i - 3) % 2], taken, "source " + i + ": the hand goes round the bucket");
      assertFalse(t.has(taken, 0), "source " + i);
      assertFalse(t.has(taken, 1), "source " + i);
      assertEquals(v4(i), t.sourceAt(taken));
      int other = way[i % 2];
      assertEquals(v4(i - 1), t.sourceAt(other));
      assertTrue(t.has(other, 1));
      assertEquals(i - 1, t.get(other, 1));
      t.set(taken, 0, i);
      t.set(taken, 1, i);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 7, 8, 9, 37, 100, 1001, 4096})
  void theTableHoldsExactlyItsCapacity(int capacity) {
    SourceTable t = new SourceTable(capacity, 1, capacity);
    for (int i = 0; i < capacity * 40 + 100; i++) {
      visit(t, IpAddress.ofV4(i * 7919));
      assertTrue(t.size() <= capacity);
    }
    assertEquals(capacity, t.size());
    assertEquals(capacity, t.capacity());
  }

  /** Random visits against a model of which source holds which slot; a tiny table forces churn. */
  @Test
  void slotsStayConsistentUnderChurn() {
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
          assertEquals(t.bucketOf(evicted), t.bucketOf(a), "step " + step + ": evicted across buckets");
        }
        slotOf.put(a, s);
        t.set(s, 0, step);
      }
      assertEquals(a, t.sourceAt(s));
      assertEquals(slotOf.size(), t.size());
    }
  }

  /** Which sources survive, step by step, against a plain model of a clock per bucket. */
  @Test
  void evictionFollowsSecondChancePerBucket() {
    int capacity = 100; // 13 buckets: nine of 8 ways, four of 7
    SourceTable t = new SourceTable(capacity, 1, 77);
    ClockModel model = new ClockModel(13, b -> b < 9 ? 8 : 7);
    Random random = new Random(3);
    for (int step = 0; step < 300_000; step++) {
      IpAddress a = random.nextInt(4) == 0 ? IpAddress.ofV6(0x2001_0db8L << 32, random.nextInt(200))
          : v4(random.nextInt(400));
      boolean twice = random.nextInt(5) == 0; // a second user looking up the same packet's source
      t.beginPacket();
      int s = t.slot(a);
      if (twice) {
        t.slot(a);
      }
      assertEquals(model.visit(t.bucketOf(a), a), t.has(s, 0), "step " + step + ": " + a);
      t.set(s, 0, step);
    }
  }

  /** Second chance over each bucket's ways, the way the javadoc describes it. */
  private static final class ClockModel {
    private final List<List<IpAddress>> ways = new ArrayList<>();
    private final List<List<Boolean>> referenced = new ArrayList<>();
    private final int[] hands;
    private final IntUnaryOperator size;

    ClockModel(int buckets, IntUnaryOperator size) {
      for (int b = 0; b < buckets; b++) {
        ways.add(new ArrayList<>());
        referenced.add(new ArrayList<>());
      }
      this.hands = new int[buckets];
      this.size = size;
    }

    /** Whether {@code a} was known; tracks it. */
    boolean visit(int bucket, IpAddress a) {
      List<IpAddress> w = ways.get(bucket);
      List<Boolean> r = referenced.get(bucket);
      int i = w.indexOf(a);
      if (i >= 0) {
        r.set(i, true);
        return true;
      }
      if (w.size() < size.applyAsInt(bucket)) {
        w.add(a);
        r.add(false);
        return false;
      }
      while (r.get(hands[bucket])) {
        r.set(hands[bucket], false);
        hands[bucket] = (hands[bucket] + 1) % w.size();
      }
      w.set(hands[bucket], a);
      hands[bucket] = (hands[bucket] + 1) % w.size();
      return false;
    }
  }

  @Test
  void theHashIsSaltedPerTable() {
    // Spoofed floods choose source addresses; with a per-table salt they cannot aim at one bucket.
    SourceTable a = new SourceTable(1 << 16, 1, 1);
    SourceTable b = new SourceTable(1 << 16, 1, 2);
    int same = 0;
    for (int i = 0; i < 1000; i++) {
      if (a.bucketOf(v4(i)) == b.bucketOf(v4(i))) {
        same++;
      }
    }
    assertTrue(same < 10, same + " of 1000 addresses landed in the same bucket under both salts");
  }

  @Test
  void sizesOutsideTheRangeAreRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new SourceTable(0, 1));
    assertTrue(e.getMessage().contains("got 0"));
    e = assertThrows(IllegalArgumentException.class, () -> new SourceTable((1 << 26) + 1, 1));
    assertTrue(e.getMessage().contains("got " + ((1 << 26) + 1)));
    e = assertThrows(IllegalArgumentException.class, () -> new SourceTable(8, 9));
    assertTrue(e.getMessage().contains("got 9"));
  }
}
