package org.portscope.sensor.core.fingerprint;

import java.security.SecureRandom;
import org.portscope.sensor.api.IpAddress;

/**
 * Per-source state in fixed memory: a map from source address to a slot that holds a few
 * {@code long} fields, evicting by second chance within a small bucket when the bucket is full.
 *
 * <p>Layout: set-associative. A salted hash picks a bucket of up to {@value #WAYS} ways and a
 * 16-bit tag. Each way has one {@code int} in the tag array (tag, IP version, referenced bit, the
 * fields' "set" bits), so a bucket's ways are 32 contiguous bytes, within one or two adjacent
 * cache lines. Its entry (address, then fields) is {@code 8 * (2 + fields)} bytes in the entry
 * array. A lookup reads the bucket's tags and, only where tag and version match, that way's entry:
 * a known source costs the tag line and its entry line; a new source costs the tag line and a write
 * to the entry it takes (a wrong tag match happens about once in 8,000 lookups). Nothing else is
 * touched: a way is overwritten in place, so there is no index entry to delete and no chain to
 * shift, which is what made the previous layout (one global CLOCK over an open-addressing index)
 * cost several cache misses per new source. Per source this takes {@code 4 + 8 * (2 + fields)}
 * bytes (36 with the fingerprinter's two fields). {@code SourceTableBench} (test scope) times it
 * against a {@code LinkedHashMap} LRU in the same run. Measured against the previous layout (76-97
 * ns per new source against 121-192), and dropped as slower in both of its workloads: byte-sized
 * tags with version and "set" bits moved into the entry, and each bucket's tags and entries side
 * by side in one array.
 *
 * <p>Capacity: buckets are {@code ceil(capacity / 8)}, and the ways are spread over them so that
 * every bucket has 8 ways or one less (capacity 100: nine buckets of 8, four of 7; 262,144: all of
 * 8). The table so holds exactly {@code capacity} sources, whatever the configured number.
 *
 * <p>Eviction: a source found again gets its referenced bit set; a new source starts without it. A
 * new source takes its bucket's first free way or, when all are taken, the bucket's clock hand
 * (kept in spare bits of way 0) evicts the first way whose bit is clear, clearing bits as it
 * passes. A flood of one-off (spoofed) sources therefore recycles its own ways before it pushes out
 * sources that keep coming back; the guarantee holds per bucket, as in a set-associative cache: a
 * returning source survives as long as it comes back within about a bucket's worth of new sources
 * hashed to its bucket (with random floods: within about {@code capacity} new sources overall, as
 * with one global clock). Source addresses are chosen by whoever sends, so the hash is salted per
 * instance and a sender cannot aim at one bucket.
 *
 * <p>Nothing is allocated after construction. The last lookup is memoized, so several users asking
 * about the same packet's source pay once. A source counts as seen again at most once per packet,
 * however many users look it up: the caller marks packet boundaries with {@link #beginPacket}.
 * Without that call (a user on its own) only lookups of an address other than the previous one
 * count.
 *
 * <p>Each field has a "set" bit that is cleared when its slot changes hands: a user calls
 * {@link #has} to tell a fresh source from a known one ({@link #get} of a field not set returns
 * whatever the previous source left). Not thread-safe: one thread, the fingerprinter's.
 */
final class SourceTable {
  static final int WAYS = 8;
  private static final int MAX_FIELDS = 8;
  private static final int MAX_CAPACITY = 1 << 26;
  // A way's int: tag (bits 0-15), IP version (16-19; 0 = free way), the bucket's clock hand
  // (20-22, way 0 only), referenced (23), field i set (24 + i).
  private static final int KEY = 0xF_FFFF;
  private static final int HAND_SHIFT = 20;
  private static final int HAND = 7 << HAND_SHIFT;
  private static final int REFERENCED = 1 << 23;
  private static final int FIELD_SET = 24;

  private final int capacity;
  private final int buckets;
  private final int ways; // every bucket has this many ways, the first `wider` buckets one more
  private final int wider;
  private final int stride;
  private final int[] tags; // WAYS per bucket; slot = bucket * WAYS + way
  private final long[] entries; // per slot: hi, lo, fields
  private final long salt;
  private int size;
  private long packet;
  private long lastPacket = -1;
  private int lastSlot = -1;
  private int lastVersion;
  private long lastHi;
  private long lastLo;

  SourceTable(int capacity, int fields) {
    this(capacity, fields, new SecureRandom().nextLong());
  }

  SourceTable(int capacity, int fields, long salt) {
    if (capacity < 1 || capacity > MAX_CAPACITY) {
      throw new IllegalArgumentException(
          "the number of tracked sources must be 1.." + MAX_CAPACITY + ", got " + capacity);
    }
    if (fields < 0 || fields > MAX_FIELDS) {
      throw new IllegalArgumentException(
          "fields per source must be 0.." + MAX_FIELDS + ", got " + fields);
    }
    this.capacity = capacity;
    this.buckets = (capacity + WAYS - 1) / WAYS;
    this.ways = capacity / buckets;
    this.wider = capacity % buckets;
    this.stride = 2 + fields;
    this.tags = new int[buckets * WAYS];
    this.entries = new long[buckets * WAYS * stride];
    this.salt = salt;
  }

  int capacity() {
    return capacity;
  }

  int size() {
    return size;
  }

  /** Starts the lookups for the next packet. */
  void beginPacket() {
    packet++;
  }

  /** The source's slot, tracking it (and evicting another of its bucket) if it was not known. */
  int slot(IpAddress a) {
    int version = a.version();
    long hi = a.hi();
    long lo = a.lo();
    if (lastSlot >= 0 && lo == lastLo && hi == lastHi && version == lastVersion) {
      if (lastPacket != packet) {
        tags[lastSlot] |= REFERENCED;
        lastPacket = packet;
      }
      return lastSlot;
    }
    long h = hash(version, hi, lo);
    int s = lookup(bucket(h), (int) h & 0xFFFF | version << 16, hi, lo);
    lastSlot = s;
    lastPacket = packet;
    lastVersion = version;
    lastHi = hi;
    lastLo = lo;
    return s;
  }

  /** Whether {@code field} was set since the slot was given to its current source. */
  boolean has(int slot, int field) {
    return (tags[slot] & (1 << (FIELD_SET + field))) != 0;
  }

  long get(int slot, int field) {
    return entries[slot * stride + 2 + field];
  }

  void set(int slot, int field, long value) {
    entries[slot * stride + 2 + field] = value;
    tags[slot] |= 1 << (FIELD_SET + field);
  }

  /** The source in a slot, for tests and diagnostics. */
  IpAddress sourceAt(int slot) {
    int e = slot * stride;
    return new IpAddress((tags[slot] >>> 16) & 0xF, entries[e], entries[e + 1]);
  }

  /** The bucket an address hashes to under this table's salt (0 .. capacity / 8, rounded up). */
  int bucketOf(IpAddress a) {
    return bucket(hash(a.version(), a.hi(), a.lo()));
  }

  /** The 16-bit tag an address gets in its bucket, for tests that need two addresses to collide. */
  int tagOf(IpAddress a) {
    return (int) hash(a.version(), a.hi(), a.lo()) & 0xFFFF;
  }

  /** Finds the source in its bucket or gives it a free or evicted way. */
  private int lookup(int bucket, int key, long hi, long lo) {
    int first = bucket * WAYS;
    int n = bucket < wider ? ways + 1 : ways;
    for (int s = first; s < first + n; s++) {
      int t = tags[s];
      if ((t & KEY) == key) {
        int e = s * stride;
        if (entries[e + 1] == lo && entries[e] == hi) {
          tags[s] = t | REFERENCED;
          return s;
        }
      } else if (t == 0) {
        // Ways are taken in order and never given back, so the first free way ends the search.
        size++;
        return claim(s, key, hi, lo);
      }
    }
    return evict(first, n, key, hi, lo);
  }

  /** Second chance within the bucket: the hand skips (and clears) referenced ways. */
  private int evict(int first, int n, int key, long hi, long lo) {
    int hand = (tags[first] & HAND) >>> HAND_SHIFT;
    while (true) {
      int s = first + hand;
      hand = hand + 1 == n ? 0 : hand + 1;
      int t = tags[s];
      if ((t & REFERENCED) == 0) {
        claim(s, key, hi, lo); // clears the hand if s is way 0: written back next
        tags[first] = (tags[first] & ~HAND) | hand << HAND_SHIFT;
        return s;
      }
      tags[s] = t & ~REFERENCED;
    }
  }

  /** A way for a new source: not referenced, no field set. */
  private int claim(int s, int key, long hi, long lo) {
    tags[s] = key;
    int e = s * stride;
    entries[e] = hi;
    entries[e + 1] = lo;
    return s;
  }

  private int bucket(long hash) {
    return (int) (((hash >>> 32) * buckets) >>> 32); // the high half scaled to 0..buckets-1
  }

  private long hash(int version, long hi, long lo) {
    long x = (lo ^ salt) * 0x9E37_79B9_7F4A_7C15L + (hi ^ Long.rotateLeft(salt, 29)) + version;
    x ^= x >>> 33; // murmur3 fmix64
    x *= 0xFF51_AFD7_ED55_8CCDL;
    x ^= x >>> 33;
    x *= 0xC4CE_B9FE_1A85_EC53L;
    x ^= x >>> 33;
    return x;
  }
}
