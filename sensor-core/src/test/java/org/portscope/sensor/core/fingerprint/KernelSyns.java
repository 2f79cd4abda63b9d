package org.portscope.sensor.core.fingerprint;

import org.portscope.sensor.api.TcpFlags;

/**
 * SYNs of ordinary connect() calls, as the kernels send them (default sysctls, Ethernet MTU), with
 * TTLs lowered by a dozen hops. None of them may be attributed to a scanning tool.
 */
final class KernelSyns {
  private KernelSyns() {}

  /** Linux 5.x/6.x: window 64240, MSS 1460, SACK-permitted, timestamps, NOP, window scale 7. */
  static Packets linux() {
    return Packets.tcp().flags(TcpFlags.SYN).window(64_240).ttl(52).ipId(0x9C3E).seq(0x8E5F_17A2L)
        .ports(51_544, 443)
        .options(0x02, 0x04, 0x05, 0xb4, 0x04, 0x02, 0x08, 0x0a, 0x9a, 0x1f, 0x3b, 0x07,
            0x00, 0x00, 0x00, 0x00, 0x01, 0x03, 0x03, 0x07);
  }

  /** Linux over loopback: MSS and window 65495. */
  static Packets linuxLoopback() {
    return Packets.tcp().src("127.0.0.1").dst("127.0.0.1").window(65_495).ttl(64).ipId(0x2A51)
        .seq(0x0C4D_9E01L).ports(39_114, 8080)
        .options(0x02, 0x04, 0xff, 0xd7, 0x04, 0x02, 0x08, 0x0a, 0x5b, 0x10, 0x7e, 0x22,
            0x00, 0x00, 0x00, 0x00, 0x01, 0x03, 0x03, 0x07);
  }

  /** Windows 10/11: window 64240, MSS 1460, NOP, WS 8, NOP, NOP, SACK-permitted; TTL 128. */
  static Packets windows10() {
    return Packets.tcp().window(64_240).ttl(116).ipId(0x61F3).seq(0xD40A_2B99L)
        .ports(50_122, 3389)
        .options(0x02, 0x04, 0x05, 0xb4, 0x01, 0x03, 0x03, 0x08, 0x01, 0x01, 0x04, 0x02);
  }

  /** Windows 7: window 8192, same layout with WS 2. */
  static Packets windows7() {
    return Packets.tcp().window(8192).ttl(115).ipId(0x0457).seq(0x3C19_55E0L).ports(49_160, 445)
        .options(0x02, 0x04, 0x05, 0xb4, 0x01, 0x03, 0x03, 0x02, 0x01, 0x01, 0x04, 0x02);
  }

  /** macOS 13/14: window 65535, MSS, NOP, WS 6, NOP, NOP, timestamps, SACK-permitted, EOL, EOL. */
  static Packets macos() {
    return Packets.tcp().window(65_535).ttl(53).ipId(0x8B1C).seq(0x6B2E_0F44L).ports(62_311, 22)
        .options(0x02, 0x04, 0x05, 0xb4, 0x01, 0x03, 0x03, 0x06, 0x01, 0x01, 0x08, 0x0a,
            0x2c, 0x41, 0x9d, 0x10, 0x00, 0x00, 0x00, 0x00, 0x04, 0x02, 0x00, 0x00);
  }

  /** FreeBSD 13/14: window 65535, MSS, NOP, WS 6, SACK-permitted, timestamps. */
  static Packets freebsd() {
    return Packets.tcp().window(65_535).ttl(55).ipId(0x7D02).seq(0xA1B2_C3D4L).ports(21_877, 80)
        .options(0x02, 0x04, 0x05, 0xb4, 0x01, 0x03, 0x03, 0x06, 0x04, 0x02, 0x08, 0x0a,
            0x01, 0x23, 0x45, 0x67, 0x00, 0x00, 0x00, 0x00);
  }
}
