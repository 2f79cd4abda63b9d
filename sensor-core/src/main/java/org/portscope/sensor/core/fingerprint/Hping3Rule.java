package org.portscope.sensor.core.fingerprint;

import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.Protocol;
import org.portscope.sensor.api.TcpFlags;

/**
 * hping3's TCP mode: window 512, no options, and a random acknowledgment number even when the ACK
 * flag is off (a kernel sends zero there).
 *
 * <p>Source: antirez/hping at HEAD, {@code hping2.h} line 116 {@code DEFAULT_SRCWINSIZE 512} (used
 * by {@code main.c} line 120); {@code sendtcp.c}, {@code send_tcp()} lines 60-64:
 * {@code th_ack = (set_ack) ? htonl(tcp_ack) : htonl(rand())}, {@code th_off = src_thoff +
 * (tcp_opt_size >> 2)} with options only for {@code --tcp-timestamp}, {@code th_win =
 * htons(src_winsize)}. The default TTL is 64 ({@code hping2.h} line 115) and not checked.
 *
 * <p>Probes with the ACK flag set cannot be told from a mid-stream segment by these fields, so
 * they are not matched; a SYN ({@code -S}), FIN ({@code -F}), no-flag (the default) or Xmas probe
 * is.
 */
final class Hping3Rule implements ScannerRule {
  @Override
  public String tool() {
    return "hping3";
  }

  @Override
  public boolean matches(Observation o) {
    return o.protocol() == Protocol.TCP
        && o.window() == 512
        && o.tcpOptions().isEmpty()
        && (o.tcpFlags() & (TcpFlags.ACK | TcpFlags.RST)) == 0
        && o.ack() != 0;
  }
}
