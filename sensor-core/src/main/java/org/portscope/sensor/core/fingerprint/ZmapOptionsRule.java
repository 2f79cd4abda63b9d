package org.portscope.sensor.core.fingerprint;

import java.util.Arrays;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.Protocol;
import org.portscope.sensor.api.TcpFlags;
import org.portscope.sensor.api.TcpOptions;

/**
 * ZMap's TCP SYN probes: window 65535 with one of the option layouts of its {@code --probe-args}.
 * Needed since 4.1, whose IP ID is no longer the constant {@link ZmapIpIdRule} looks for.
 *
 * <p>Source: zmap/zmap at 8de8833 (4.3.x), {@code src/probe_modules/packet.c}:
 * {@code make_tcp_header()} line 116 {@code th_win = htons(65535)}; {@code set_tcp_options()}
 * lines 241-266 with {@code set_mss_option()} (MSS 1460, lines 121-144),
 * {@code set_nop_plus_windows_scale()} (scale 7 linux, 6 bsd, 8 windows, lines 146-166),
 * {@code set_sack_permitted_with_timestamp()}, {@code set_nop_plus_sack_permitted()}.
 * {@code src/probe_modules/module_tcp_synscan.c}, {@code synscan_global_initialize()} lines 48-77:
 * the default is {@code "windows"} (v4.1.0-RC1 defaulted to {@code "linux"}). {@code src/state.c}
 * line 59: the default probe TTL is {@code IPDEFTTL} (64) since v4.1.0, 255 before.
 *
 * <ul>
 *   <li>windows (default): {@code MSS 1460, NOP, WS 8, NOP, NOP, SACK-permitted}, exactly the bytes
 *       Windows 10/11 send, but Windows uses window 64240 and TTL 128; ZMap 65535 and TTL 64, so an
 *       observed TTL above 64 is not ZMap's default and is left alone;</li>
 *   <li>linux: {@code MSS 1460, SACK-permitted, timestamp, NOP, WS 7}, the Linux layout, which Linux
 *       sends with window 64240 (65495 on loopback), never 65535;</li>
 *   <li>smallest-probes: a lone {@code MSS 1460}, also ZMap 3.0-4.0's only layout;</li>
 *   <li>bsd: {@code MSS 1460, NOP, WS 6, NOP, NOP, timestamp, SACK-permitted, EOL, EOL} with window
 *       65535 and TTL 64 is byte for byte what macOS sends, so it is deliberately not matched.</li>
 * </ul>
 */
final class ZmapOptionsRule implements ScannerRule {
  private static final int WINDOW = 65535;
  private static final int DEFAULT_TTL = 64;
  private static final TcpOptions WINDOWS_LAYOUT =
      Options.of(0x02, 0x04, 0x05, 0xb4, 0x01, 0x03, 0x03, 0x08, 0x01, 0x01, 0x04, 0x02);
  private static final int LINUX_LAYOUT_LENGTH = 20;
  private static final int[] LINUX_LAYOUT_KINDS = {
    TcpOptions.KIND_MSS, TcpOptions.KIND_SACK_PERMITTED, TcpOptions.KIND_TIMESTAMP,
    TcpOptions.KIND_NOP, TcpOptions.KIND_WSCALE
  };

  @Override
  public String tool() {
    return "zmap";
  }

  @Override
  public boolean matches(Observation o) {
    if (o.protocol() != Protocol.TCP || o.tcpFlags() != TcpFlags.SYN || o.window() != WINDOW) {
      return false;
    }
    TcpOptions opts = o.tcpOptions();
    if (opts.equals(Options.MSS_1460)) {
      return true;
    }
    if (opts.equals(WINDOWS_LAYOUT)) {
      return o.ttl() <= DEFAULT_TTL;
    }
    // The timestamp value varies, so the linux layout is checked by kinds; kinds() allocates, but
    // only for the rare SYN that already has window 65535, 20 option bytes, MSS 1460 and scale 7.
    return opts.length() == LINUX_LAYOUT_LENGTH
        && opts.mss() == 1460
        && opts.windowScale() == 7
        && Arrays.equals(opts.kinds(), LINUX_LAYOUT_KINDS);
  }
}
