package org.portscope.sensor.core.fingerprint;

import org.portscope.sensor.api.TcpOptions;

/**
 * TCP option layouts that tools send with fixed bytes, so that a rule can compare a packet's
 * options with {@link TcpOptions#equals} (an array comparison, no allocation).
 */
final class Options {
  /** A lone MSS option of 1460 bytes: {@code 02 04 05 b4}. */
  static final TcpOptions MSS_1460 = of(0x02, 0x04, 0x05, 0xb4);

  private Options() {}

  static TcpOptions of(int... bytes) {
    byte[] b = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] < 0 || bytes[i] > 0xFF) {
        throw new IllegalArgumentException("option byte " + i + " is " + bytes[i] + ", not 0..255");
      }
      b[i] = (byte) bytes[i];
    }
    return TcpOptions.copyOf(b, 0, b.length);
  }
}
