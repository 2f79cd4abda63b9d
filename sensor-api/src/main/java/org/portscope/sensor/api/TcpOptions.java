package org.portscope.sensor.api;

import java.util.Arrays;

/**
 * The option bytes of a TCP header, kept as they were sent. Scanners differ most visibly in these:
 * their layout (which options in which order) is part of several fingerprints.
 */
public final class TcpOptions {
  public static final TcpOptions NONE = new TcpOptions(new byte[0]);

  public static final int KIND_EOL = 0;
  public static final int KIND_NOP = 1;
  public static final int KIND_MSS = 2;
  public static final int KIND_WSCALE = 3;
  public static final int KIND_SACK_PERMITTED = 4;
  public static final int KIND_SACK = 5;
  public static final int KIND_TIMESTAMP = 8;

  private final byte[] bytes;

  private TcpOptions(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Copies {@code length} option bytes starting at {@code offset}. */
  public static TcpOptions copyOf(byte[] src, int offset, int length) {
    return length == 0 ? NONE : new TcpOptions(Arrays.copyOfRange(src, offset, offset + length));
  }

  public int length() {
    return bytes.length;
  }

  /** Whether these options are {@code src[offset, offset + length)}, byte for byte. */
  public boolean sameBytes(byte[] src, int offset, int length) {
    return Arrays.equals(bytes, 0, bytes.length, src, offset, offset + length);
  }

  public boolean isEmpty() {
    return bytes.length == 0;
  }

  /** A copy of the raw option bytes. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /**
   * The option kinds in order, with NOP and EOL padding included, e.g. {@code [2, 4, 8, 1, 3]} for
   * Linux's MSS, SACK-permitted, timestamps, NOP, window scale. A malformed length ends the walk.
   */
  public int[] kinds() {
    int[] out = new int[bytes.length];
    int n = 0;
    int i = 0;
    while (i < bytes.length) {
      int kind = bytes[i] & 0xFF;
      out[n++] = kind;
      if (kind == KIND_EOL || kind == KIND_NOP) {
        i++;
        continue;
      }
      if (i + 1 >= bytes.length) {
        break;
      }
      int len = bytes[i + 1] & 0xFF;
      if (len < 2) {
        break;
      }
      i += len;
    }
    return Arrays.copyOf(out, n);
  }

  /** The MSS value, or -1 without a well-formed MSS option. */
  public int mss() {
    int at = find(KIND_MSS, 4);
    return at < 0 ? -1 : (bytes[at + 2] & 0xFF) << 8 | (bytes[at + 3] & 0xFF);
  }

  /** The window scale shift, or -1 without a well-formed window scale option. */
  public int windowScale() {
    int at = find(KIND_WSCALE, 3);
    return at < 0 ? -1 : bytes[at + 2] & 0xFF;
  }

  /** The option layout as text, e.g. {@code "M,S,T,N,W"} (M=MSS, S=SACK-permitted, T=timestamp,
   * N=NOP, W=window scale, E=EOL, K=SACK, other kinds as numbers); empty when there are none. */
  public String layout() {
    StringBuilder sb = new StringBuilder();
    for (int kind : kinds()) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      switch (kind) {
        case KIND_EOL -> sb.append('E');
        case KIND_NOP -> sb.append('N');
        case KIND_MSS -> sb.append('M');
        case KIND_WSCALE -> sb.append('W');
        case KIND_SACK_PERMITTED -> sb.append('S');
        case KIND_SACK -> sb.append('K');
        case KIND_TIMESTAMP -> sb.append('T');
        default -> sb.append(kind);
      }
    }
    return sb.toString();
  }

  private int find(int wantedKind, int wantedLength) {
    int i = 0;
    while (i < bytes.length) {
      int kind = bytes[i] & 0xFF;
      if (kind == KIND_EOL) {
        return -1;
      }
      if (kind == KIND_NOP) {
        i++;
        continue;
      }
      if (i + 1 >= bytes.length) {
        return -1;
      }
      int len = bytes[i + 1] & 0xFF;
      if (len < 2 || i + len > bytes.length) {
        return -1;
      }
      if (kind == wantedKind) {
        return len == wantedLength ? i : -1;
      }
      i += len;
    }
    return -1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TcpOptions other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return layout();
  }
}
