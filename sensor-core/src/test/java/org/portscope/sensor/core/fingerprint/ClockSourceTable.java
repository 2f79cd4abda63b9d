package org.portscope.sensor.core.fingerprint;

import java.security.SecureRandom;
import org.portscope.sensor.api.IpAddress;

/**
 * The previous {@link SourceTable}, kept unchanged (but for its name) so {@link SourceTableBench} can
 * measure both layouts in the same run: slots in one array evicted by one global CLOCK hand, found
 * through an open-addressing index with linear probing and backward-shift deletion. A lookup of a
 * new source touches the index, the victim slot, the victim's index entry and chain, and the new
 * slot. Benchmark only; nothing in the sensor uses it.
 */
final class ClockSourceTable {
  private static final int HI = 0;
  private static final int LO = 1;
  private static final int META = 2; // version (bits 0-7), referenced (8), field i set (16 + i)
  private static final int HEADER = 3;
  private static final long REFERENCED = 1L << 8;
  private static final int MAX_FIELDS = 8;

  private final int capacity;
  private final int stride;
  private final long[] slots;
  private final long[] index; // (hash << 32) | (slot + 1); 0 = empty
  private final int mask;
  private final long salt;
  private int size;
  private int hand;
  private long packet;
  private long lastPacket = -1;
  private int lastSlot = -1;
  private int lastVersion;
  private long lastHi;
  private long lastLo;

  ClockSourceTable(int capacity, int fields) {
    this(capacity, fields, new SecureRandom().nextLong());
  }

  ClockSourceTable(int capacity, int fields, long salt) {
    if (capacity < 1 || capacity > (1 << 26)) {
      throw new IllegalArgumentException(
          "the number of tracked sources must be 1.." + (1 << 26) + ", got " + capacity);
    }
    if (fields < 0 || fields > MAX_FIELDS) {
      throw new IllegalArgumentException("fields per source must be 0.." + MAX_FIELDS + ", got " + fields);
    }
    this.capacity = capacity;
    this.stride = HEADER + fields;
    this.slots = new long[capacity * stride];
    this.index = new long[Math.max(2, Integer.highestOneBit(capacity * 2 - 1) << 1)];
    this.mask = index.length - 1;
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

  /** The source's slot, tracking it (and evicting another) if it was not known. */
  int slot(IpAddress a) {
    int version = a.version();
    long hi = a.hi();
    long lo = a.lo();
    if (lastSlot >= 0 && lo == lastLo && hi == lastHi && version == lastVersion) {
      if (lastPacket != packet) {
        slots[lastSlot * stride + META] |= REFERENCED;
        lastPacket = packet;
      }
      return lastSlot;
    }
    int hash = hash(version, hi, lo);
    int s = find(hash, version, hi, lo);
    if (s >= 0) {
      slots[s * stride + META] |= REFERENCED;
    } else {
      s = add(hash, version, hi, lo);
    }
    lastSlot = s;
    lastPacket = packet;
    lastVersion = version;
    lastHi = hi;
    lastLo = lo;
    return s;
  }

  /** Whether {@code field} was set since the slot was given to its current source. */
  boolean has(int slot, int field) {
    return (slots[slot * stride + META] & (1L << (16 + field))) != 0;
  }

  long get(int slot, int field) {
    return slots[slot * stride + HEADER + field];
  }

  void set(int slot, int field, long value) {
    int base = slot * stride;
    slots[base + HEADER + field] = value;
    slots[base + META] |= 1L << (16 + field);
  }

  /** The source in a slot, for tests and diagnostics. */
  IpAddress sourceAt(int slot) {
    int base = slot * stride;
    return new IpAddress((int) (slots[base + META] & 0xFF), slots[base + HI], slots[base + LO]);
  }

  int bucketOf(IpAddress a) {
    return hash(a.version(), a.hi(), a.lo()) & mask;
  }

  private int find(int hash, int version, long hi, long lo) {
    for (int i = hash & mask; ; i = (i + 1) & mask) {
      long e = index[i];
      if (e == 0) {
        return -1;
      }
      if ((int) (e >>> 32) == hash) {
        int s = (int) e - 1;
        int base = s * stride;
        if (slots[base + LO] == lo && slots[base + HI] == hi
            && (slots[base + META] & 0xFF) == version) {
          return s;
        }
      }
    }
  }

  private int add(int hash, int version, long hi, long lo) {
    int s;
    if (size < capacity) {
      s = size++;
    } else {
      s = victim();
      removeFromIndex(s);
    }
    int base = s * stride;
    slots[base + HI] = hi;
    slots[base + LO] = lo;
    slots[base + META] = version; // not referenced, no field set
    int i = hash & mask;
    while (index[i] != 0) {
      i = (i + 1) & mask;
    }
    index[i] = (long) hash << 32 | (s + 1);
    return s;
  }

  private int victim() {
    while (true) {
      int meta = hand * stride + META;
      int s = hand;
      hand = hand + 1 == capacity ? 0 : hand + 1;
      if ((slots[meta] & REFERENCED) == 0) {
        return s;
      }
      slots[meta] &= ~REFERENCED;
    }
  }

  private void removeFromIndex(int slot) {
    int base = slot * stride;
    int i = hash((int) (slots[base + META] & 0xFF), slots[base + HI], slots[base + LO]) & mask;
    while ((int) index[i] != slot + 1) {
      i = (i + 1) & mask;
    }
    index[i] = 0;
    // Backward shift: move later entries of the chain into the hole unless their home bucket lies
    // cyclically in (hole, j], where they would no longer be found.
    for (int j = (i + 1) & mask; index[j] != 0; j = (j + 1) & mask) {
      int home = (int) (index[j] >>> 32) & mask;
      boolean stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
      if (!stays) {
        index[i] = index[j];
        index[j] = 0;
        i = j;
      }
    }
  }

  private int hash(int version, long hi, long lo) {
    long x = (lo ^ salt) * 0x9E37_79B9_7F4A_7C15L + (hi ^ Long.rotateLeft(salt, 29)) + version;
    x ^= x >>> 33; // murmur3 fmix64
    x *= 0xFF51_AFD7_ED55_8CCDL;
    x ^= x >>> 33;
    x *= 0xC4CE_B9FE_1A85_EC53L;
    x ^= x >>> 33;
    return (int) x;
  }
}
