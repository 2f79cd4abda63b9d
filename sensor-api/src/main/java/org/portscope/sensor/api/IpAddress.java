package org.portscope.sensor.api;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 address as a value: cheap to make per packet, to hash and to compare.
 *
 * <p>IPv4 addresses keep their 32 bits in the low half of {@code lo} with {@code hi == 0}; IPv6
 * addresses keep their 128 bits in {@code hi} (first 8 bytes) and {@code lo} (last 8 bytes).
 *
 * @param version 4 or 6
 */
public record IpAddress(int version, long hi, long lo) implements Comparable<IpAddress> {
  public IpAddress {
    if (version == 4) {
      if (hi != 0 || (lo >>> 32) != 0) {
        throw new IllegalArgumentException("an IPv4 address has only 32 bits");
      }
    } else if (version != 6) {
      throw new IllegalArgumentException("IP version must be 4 or 6, got " + version);
    }
  }

  public static IpAddress ofV4(int bits) {
    return new IpAddress(4, 0, bits & 0xFFFF_FFFFL);
  }

  public static IpAddress ofV6(long hi, long lo) {
    return new IpAddress(6, hi, lo);
  }

  /** From 4 or 16 bytes in network order. */
  public static IpAddress ofBytes(byte[] b) {
    if (b.length == 4) {
      return ofV4(readInt(b, 0));
    }
    if (b.length == 16) {
      return ofV6(readLong(b, 0), readLong(b, 8));
    }
    throw new IllegalArgumentException("an IP address has 4 or 16 bytes, got " + b.length);
  }

  /**
   * Parses a literal address ({@code 192.0.2.1}, {@code 2001:db8::1}); never resolves names.
   *
   * @throws IllegalArgumentException naming the text when it is not an IP literal
   */
  public static IpAddress parse(String text) {
    String t = text.trim();
    boolean looksV4 = !t.isEmpty() && t.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    boolean looksV6 = t.indexOf(':') >= 0 && t.chars().allMatch(c -> c == ':' || c == '.'
        || Character.digit(c, 16) >= 0);
    if (!looksV4 && !looksV6) {
      throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address");
    }
    if (looksV4 && t.split("\\.", -1).length != 4) {
      throw new IllegalArgumentException("'" + text + "' is not an IPv4 address (a.b.c.d expected)");
    }
    try {
      byte[] bytes = InetAddress.getByName(t).getAddress();
      if (looksV6 && bytes.length == 4) {
        // The JDK turns ::ffff:a.b.c.d into IPv4; written with colons, it is an IPv6 address.
        return ofV6(0, 0xFFFF_0000_0000L | (readInt(bytes, 0) & 0xFFFF_FFFFL));
      }
      return ofBytes(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address", e);
    }
  }

  public boolean isV4() {
    return version == 4;
  }

  /** The IPv4 address as an int; only for {@code version == 4}. */
  public int v4() {
    return (int) lo;
  }

  public byte[] toBytes() {
    if (version == 4) {
      byte[] b = new byte[4];
      writeInt(b, 0, (int) lo);
      return b;
    }
    byte[] b = new byte[16];
    writeLong(b, 0, hi);
    writeLong(b, 8, lo);
    return b;
  }

  public InetAddress toInetAddress() {
    try {
      return InetAddress.getByAddress(toBytes());
    } catch (UnknownHostException e) {
      throw new AssertionError("4 or 16 bytes are always an address", e);
    }
  }

  /** The number of address bits: 32 or 128. */
  public int bits() {
    return version == 4 ? 32 : 128;
  }

  /** Bit {@code i} counted from the most significant (0) end. */
  public boolean bit(int i) {
    if (version == 4) {
      return ((lo >>> (31 - i)) & 1) != 0;
    }
    return i < 64 ? ((hi >>> (63 - i)) & 1) != 0 : ((lo >>> (127 - i)) & 1) != 0;
  }

  /** This address with all but the first {@code prefixLength} bits cleared. */
  public IpAddress prefix(int prefixLength) {
    if (prefixLength < 0 || prefixLength > bits()) {
      throw new IllegalArgumentException(
          "prefix length " + prefixLength + " is outside 0.." + bits() + " for IPv" + version);
    }
    if (version == 4) {
      long mask = prefixLength == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefixLength)) & 0xFFFF_FFFFL;
      return new IpAddress(4, 0, lo & mask);
    }
    long hiMask = prefixLength >= 64 ? -1L : prefixLength == 0 ? 0 : -1L << (64 - prefixLength);
    long loMask = prefixLength <= 64 ? 0 : prefixLength == 128 ? -1L : -1L << (128 - prefixLength);
    return new IpAddress(6, hi & hiMask, lo & loMask);
  }

  @Override
  public int compareTo(IpAddress o) {
    int c = Integer.compare(version, o.version);
    if (c == 0) {
      c = Long.compareUnsigned(hi, o.hi);
    }
    return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
  }

  /** The usual text form: dotted quad, or RFC 5952 compressed IPv6. */
  @Override
  public String toString() {
    return version == 4 ? v4String((int) lo) : v6String(hi, lo);
  }

  private static String v4String(int a) {
    StringBuilder sb = new StringBuilder(15);
    sb.append((a >>> 24) & 0xFF).append('.').append((a >>> 16) & 0xFF).append('.')
        .append((a >>> 8) & 0xFF).append('.').append(a & 0xFF);
    return sb.toString();
  }

  private static String v6String(long hi, long lo) {
    int[] g = new int[8];
    for (int i = 0; i < 4; i++) {
      g[i] = (int) (hi >>> (48 - 16 * i)) & 0xFFFF;
      g[i + 4] = (int) (lo >>> (48 - 16 * i)) & 0xFFFF;
    }
    // RFC 5952: compress the longest run (the first on ties) of two or more zero groups.
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
    return sb.toString();
  }

  private static int readInt(byte[] b, int off) {
    return (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
  }

  private static long readLong(byte[] b, int off) {
    return (readInt(b, off) & 0xFFFF_FFFFL) << 32 | (readInt(b, off + 4) & 0xFFFF_FFFFL);
  }

  private static void writeInt(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }

  private static void writeLong(byte[] b, int off, long v) {
    writeInt(b, off, (int) (v >>> 32));
    writeInt(b, off + 4, (int) v);
  }
}
