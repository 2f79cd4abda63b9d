package org.portscope.plugin.cryptopan;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.portscope.sensor.api.IpAddress;

/**
 * Crypto-PAn (Xu, Fan, Ammar, Moon, ICNP 2002): a one-to-one, prefix-preserving mapping of IP
 * addresses under a 32-byte key, bit-exact with the authors' reference implementation for IPv4 and
 * with the usual 128-bit extension for IPv6 (yacryptopan, Yawning Angel's Go cryptopan, libanon).
 *
 * <p>Output bit {@code i} is input bit {@code i} XOR the first bit of {@code AES(K, first i input
 * bits ‖ last 128 − i bits of the pad)}, where {@code K} is the key's first 16 bytes and the pad is
 * {@code AES(K, the key's last 16 bytes)}. An IPv4 address takes the first 32 bits of the block.
 * Output bit {@code i} depends only on input bits {@code 0..i}, which is what makes the mapping
 * prefix-preserving, and lets {@link #deanonymize} undo it bit by bit.
 *
 * <p>The AES inputs for all bits of one address are known up front, so they are encrypted as one
 * ECB batch: one cipher call per address instead of one per bit. Not thread-safe: it reuses its
 * buffers and its {@link Cipher}.
 */
public final class CryptoPan {
  static final int KEY_BYTES = 32;
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class,
      ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
      ByteOrder.BIG_ENDIAN);

  private final Cipher aes;
  private final long padHi;
  private final long padLo;
  /** 32 IPv4 blocks whose last 12 bytes are always the pad's; only the first 4 are rewritten. */
  private final byte[] v4In = new byte[32 * 16];
  private final byte[] v6In = new byte[128 * 16];
  private final byte[] blocksOut = new byte[128 * 16];
  /** The flip bits of the last {@link #v6Flips} call (a second return value, to avoid allocation). */
  private long flipHi;
  private long flipLo;

  /**
   * @param key 32 bytes: the AES-128 key, then the pad; copied, so the caller may wipe it
   */
  public CryptoPan(byte[] key) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("a Crypto-PAn key has 32 bytes, got " + key.length);
    }
    try {
      aes = Cipher.getInstance("AES/ECB/NoPadding");
      aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, 0, 16, "AES"));
      byte[] pad = aes.doFinal(key, 16, 16);
      padHi = (long) LONG.get(pad, 0);
      padLo = (long) LONG.get(pad, 8);
      Arrays.fill(pad, (byte) 0);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no AES/ECB/NoPadding cipher", e);
    }
    for (int pos = 0; pos < 32; pos++) {
      LONG.set(v4In, pos * 16, padHi);
      LONG.set(v4In, pos * 16 + 8, padLo);
    }
  }

  /** The anonymized form of {@code address}. */
  public IpAddress anonymize(IpAddress address) {
    if (address.isV4()) {
      return IpAddress.ofV4(anonymizeV4(address.v4()));
    }
    v6Flips(address.hi(), address.lo(), 0, 128);
    return IpAddress.ofV6(address.hi() ^ flipHi, address.lo() ^ flipLo);
  }

  public int anonymizeV4(int address) {
    return address ^ v4Flips(address, 0, 32);
  }

  /**
   * The flip bits for positions {@code from} (inclusive) to {@code to} (exclusive) of an IPv4
   * address, in place (bit 0 is the most significant); the other bits are zero.
   */
  int v4Flips(int address, int from, int to) {
    int padTop = (int) (padHi >>> 32);
    for (int pos = from; pos < to; pos++) {
      int keep = pos == 0 ? 0 : -1 << (32 - pos);
      INT.set(v4In, pos * 16, (address & keep) | (padTop & ~keep));
    }
    encrypt(v4In, from, to);
    int flips = 0;
    for (int pos = from; pos < to; pos++) {
      flips |= ((blocksOut[pos * 16] >>> 7) & 1) << (31 - pos);
    }
    return flips;
  }

  /**
   * Computes the flip bits for positions {@code from} to {@code to} of an IPv6 address into
   * {@link #flipHi} / {@link #flipLo} (bits outside the range zero).
   */
  void v6Flips(long hi, long lo, int from, int to) {
    for (int pos = from; pos < to; pos++) {
      int off = pos * 16;
      if (pos < 64) {
        long keep = mask(pos);
        LONG.set(v6In, off, (hi & keep) | (padHi & ~keep));
        LONG.set(v6In, off + 8, padLo);
      } else {
        long keep = mask(pos - 64);
        LONG.set(v6In, off, hi);
        LONG.set(v6In, off + 8, (lo & keep) | (padLo & ~keep));
      }
    }
    encrypt(v6In, from, to);
    long fh = 0;
    long fl = 0;
    for (int pos = from; pos < to; pos++) {
      long bit = (blocksOut[pos * 16] >>> 7) & 1;
      if (pos < 64) {
        fh |= bit << (63 - pos);
      } else {
        fl |= bit << (127 - pos);
      }
    }
    flipHi = fh;
    flipLo = fl;
  }

  long flipHi() {
    return flipHi;
  }

  long flipLo() {
    return flipLo;
  }

  /**
   * The original of an anonymized address (for the key holder). Bit by bit, since each flip bit
   * needs the original bits before it: one AES block per bit, not batched.
   */
  public IpAddress deanonymize(IpAddress anonymized) {
    if (anonymized.isV4()) {
      int anon = anonymized.v4();
      int orig = 0;
      for (int pos = 0; pos < 32; pos++) {
        orig |= (anon ^ v4Flips(orig, pos, pos + 1)) & (1 << (31 - pos));
      }
      return IpAddress.ofV4(orig);
    }
    long hi = 0;
    long lo = 0;
    for (int pos = 0; pos < 128; pos++) {
      v6Flips(hi, lo, pos, pos + 1);
      if (pos < 64) {
        hi |= (anonymized.hi() ^ flipHi) & (1L << (63 - pos));
      } else {
        lo |= (anonymized.lo() ^ flipLo) & (1L << (127 - pos));
      }
    }
    return IpAddress.ofV6(hi, lo);
  }

  /** The first {@code bits} (0..64) bits of a long set. */
  private static long mask(int bits) {
    return bits == 0 ? 0 : -1L << (64 - bits);
  }

  /** Encrypts blocks {@code from..to-1} of {@code in} into the same blocks of {@link #blocksOut}. */
  private void encrypt(byte[] in, int from, int to) {
    try {
      aes.update(in, from * 16, (to - from) * 16, blocksOut, from * 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/ECB on whole blocks cannot fail", e);
    }
  }
}
