package org.portscope.sensor.core.fingerprint;

import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.TcpFlags;

/**
 * ZMap up to 4.0 sends every IPv4 probe with the identification 54321.
 *
 * <p>Source: zmap/zmap, {@code src/probe_modules/packet.c}, {@code make_ip_header()}:
 * {@code iph->ip_id = htons(54321);} (line 89 at v2.1.1, the Debian 12 package; same in v3.0.0 and
 * v4.0.0-RC1). From v4.1.0 {@code src/send.c} passes the low 16 bits of the validation words
 * instead ({@code synscan_make_packet(..., ip_id)} sets {@code ip_header->ip_id = ip_id}), so this
 * rule only finds older ZMap; {@link ZmapOptionsRule} covers 4.1 and later.
 *
 * <p>The TCP SYN module also fixes the window ({@code make_tcp_header()}: {@code htons(65535)}) and
 * sends no options (2.x) or a lone MSS 1460 (3.0-4.0, {@code set_mss_option()}); for TCP the rule
 * requires those too, which keeps a random 1-in-65536 IP ID from naming an ordinary SYN. UDP and
 * ICMP echo probes go through the same {@code make_ip_header()}, which also sets
 * {@code ip_ttl = MAXTTL} (255; line 91 at v2.1.1, and {@code src/state.c} {@code probe_ttl =
 * MAXTTL} in 3.0-4.0): for them the rule asks for an observed TTL above 128, i.e. sent with 255.
 */
final class ZmapIpIdRule implements ScannerRule {
  static final int ZMAP_IP_ID = 54321;

  @Override
  public String tool() {
    return "zmap";
  }

  @Override
  public boolean matches(Observation o) {
    if (o.ipVersion() != 4 || o.ipId() != ZMAP_IP_ID) {
      return false;
    }
    return switch (o.protocol()) {
      case TCP -> o.tcpFlags() == TcpFlags.SYN
          && o.window() == 65535
          && (o.tcpOptions().isEmpty() || o.tcpOptions().equals(Options.MSS_1460));
      case UDP -> o.ttl() > 128;
      case ICMP -> o.icmpType() == 8 && o.ttl() > 128;
      case ICMP6 -> false;
    };
  }
}
