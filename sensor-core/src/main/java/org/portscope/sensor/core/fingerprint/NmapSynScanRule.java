package org.portscope.sensor.core.fingerprint;

import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.Protocol;
import org.portscope.sensor.api.TcpFlags;
import org.portscope.sensor.api.TcpOptions;

/**
 * Nmap's SYN scan ({@code -sS}, also {@code -PS} host discovery): window 1024 and a lone MSS 1460,
 * sent with a random TTL of 37-59.
 *
 * <p>Source: nmap/nmap at db4aefd: {@code nmap.h} line 163 {@code TCP_SYN_PROBE_OPTIONS
 * "\x02\x04\x05\xb4"}, attached to every SYN in {@code scan_engine_raw.cc},
 * {@code sendIPScanProbe()} lines 1212-1215; {@code tcpip.cc}, {@code build_tcp()} lines 604-607:
 * {@code th_win = htons(1024)} when the caller passes 0, which the scan engine does;
 * {@code build_ip()} line 533: {@code myttl = (get_random_uint() % 23) + 37} unless {@code --ttl}.
 * Before commit 4aa4a154f (2011-06, the IPv6 merge) the window was
 * {@code 1024 * (myttl % 4 + 1)}, i.e. 1024, 2048, 3072 or 4096, and before c9dd83e32 (2006-02) the
 * SYN carried no options; those older layouts are accepted too.
 *
 * <p>The observed TTL is the sent one minus the hops, so it is at most 59; a SYN whose TTL is above
 * that was not sent with Nmap's default TTL. Masscan after 2023 sends MSS 1460 with window 1025 and
 * masscan 1.3.2 window 1024 without options; {@link MasscanRule} runs first and claims those.
 */
final class NmapSynScanRule implements ScannerRule {
  static final int MAX_DEFAULT_TTL = 59;

  @Override
  public String tool() {
    return "nmap";
  }

  @Override
  public boolean randomizesTtl() {
    return true;
  }

  @Override
  public boolean matches(Observation o) {
    if (o.protocol() != Protocol.TCP || o.tcpFlags() != TcpFlags.SYN || o.ttl() > MAX_DEFAULT_TTL) {
      return false;
    }
    TcpOptions opts = o.tcpOptions();
    int window = o.window();
    if (window == 1024) {
      return opts.equals(Options.MSS_1460) || opts.isEmpty();
    }
    boolean oldWindow = window == 2048 || window == 3072 || window == 4096;
    return oldWindow && (opts.equals(Options.MSS_1460) || opts.isEmpty());
  }
}
