package org.portscope.sensor.core.fingerprint;

import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.Protocol;
import org.portscope.sensor.api.TcpFlags;

/**
 * Mirai's raw SYN scanner puts the target's IPv4 address into the TCP sequence number.
 *
 * <p>Source: jgamblin/Mirai-Source-Code, {@code mirai/bot/scanner.c}, {@code scanner_init()}:
 * line 225 {@code tcph->seq = iph->daddr;} (both in network order, so the sequence number on the
 * wire equals the destination address); lines 217-224 send to port 2323 on every tenth probe and
 * to 23 otherwise; line 119 {@code doff = 5} (no options), line 113 TTL 64, line 120 a random
 * window chosen once per bot.
 *
 * <p>The rule does not require ports 23/2323: an accidental seq == dst has a 2^-32 chance, and
 * derived bots that kept this scanner but changed the port list would be missed.
 */
final class MiraiRule implements ScannerRule {
  @Override
  public String tool() {
    return "mirai";
  }

  @Override
  public boolean matches(Observation o) {
    return o.protocol() == Protocol.TCP
        && o.ipVersion() == 4
        && (o.tcpFlags() & (TcpFlags.SYN | TcpFlags.ACK | TcpFlags.RST)) == TcpFlags.SYN
        && o.seq() == o.dst().lo();
  }
}
