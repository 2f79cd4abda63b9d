package org.portscope.sensor.core.fingerprint;

import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.Protocol;
import org.portscope.sensor.api.TcpFlags;

/**
 * Masscan derives the IPv4 identification from the target: the low 16 bits of
 * {@code dst address ^ dst port ^ seq}.
 *
 * <p>Source: robertdavidgraham/masscan, {@code src/templ-pkt.c}, {@code template_set_target_ipv4()}:
 * {@code ip_id = ip_them ^ port_them ^ seqno;} (line 942 at master 2be4093, line 940 in release
 * 1.3.2), written as two bytes at {@code offset_ip+4}. The SYN template {@code default_tcp_template}
 * sets TTL 255 and the window: {@code "\x04\x0"} = 1024 with no options up to release 1.3.2 (the
 * template's IP total length of 40 cuts off the MSS bytes appended after the header), and
 * {@code "\x04\x01"} = <b>1025</b> with an MSS 1460 option since commit 4f89257 (2023-11), although
 * its comment still says 1024. Both windows are accepted; the TTL is not checked since {@code --ttl}
 * changes it and routers lower it. UDP and ICMP probes use the same IP ID formula but with a
 * sequence number that is not visible in the packet, so only TCP is matched.
 *
 * <p>Masscan's user-mode TCP stack (banner grabbing, the RST that ends a connection) builds its
 * packets in {@code tcp_create_packet()} with the same IP ID formula (line 432 at master, 430 in
 * 1.3.2) and a window of 1200 (lines 497-498), or 600 when {@code src/stack-tcp-core.c} line 1164
 * applies its small-window kludge; those are matched too, whatever their flags.
 */
final class MasscanRule implements ScannerRule {
  @Override
  public String tool() {
    return "masscan";
  }

  @Override
  public boolean matches(Observation o) {
    if (o.protocol() != Protocol.TCP || o.ipVersion() != 4) {
      return false;
    }
    int window = o.window();
    boolean probe = o.tcpFlags() == TcpFlags.SYN && (window == 1024 || window == 1025);
    boolean stack = window == 1200 || window == 600;
    if (!probe && !stack) {
      return false;
    }
    long expected = (o.dst().lo() ^ o.dstPort() ^ o.seq()) & 0xFFFF;
    return o.ipId() == expected;
  }
}
