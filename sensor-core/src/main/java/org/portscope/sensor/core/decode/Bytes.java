package org.portscope.sensor.core.decode;

/** Big-endian reads from a byte array; callers check bounds first. */
final class Bytes {
  private Bytes() {}

  static int u8(byte[] b, int at) {
    return b[at] & 0xFF;
  }

  static int u16(byte[] b, int at) {
    return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
  }

  static int i32(byte[] b, int at) {
    return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
  }

  static long u32(byte[] b, int at) {
    return i32(b, at) & 0xFFFF_FFFFL;
  }

  static long i64(byte[] b, int at) {
    return (long) i32(b, at) << 32 | u32(b, at + 4);
  }

  /** A 32-bit value stored least significant byte first. */
  static int i32le(byte[] b, int at) {
    return (b[at + 3] & 0xFF) << 24 | (b[at + 2] & 0xFF) << 16 | (b[at + 1] & 0xFF) << 8 | (b[at] & 0xFF);
  }
}
