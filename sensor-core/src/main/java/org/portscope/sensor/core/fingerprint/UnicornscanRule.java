package org.portscope.sensor.core.fingerprint;

import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.Protocol;
import org.portscope.sensor.api.TcpFlags;

/**
 * Unicornscan encodes each probe's addressing into its sequence number with one secret per scan:
 * {@code seq = syn_key ^ dst ^ ((dport << 16) + sport)}. The key cannot be read from one packet,
 * but it is the same for every probe of a scan, so a source whose probes to different ports or
 * addresses yield the same key is unicornscan. The first probe of a scan is therefore never
 * attributed; the second and later ones are.
 *
 * <p>Source: dneufeld/unicornscan (archive of 0.4.7) at 50cfd04, {@code src/scan_progs/tcphash.h}
 * line 22-23 {@code TCPHASHTRACK(output, srcip, srcport, dstport, syncookie)} =
 * {@code syncookie ^ (srcip ^ ((srcport << 16) + dstport))}, called in
 * {@code src/scan_progs/send_packet.c} line 861 as {@code TCPHASHTRACK(seq,
 * target.sin_addr.s_addr, rport, local_port, syn_key)}; {@code makepkt.c} line 132 writes
 * {@code th.seq = ntohl(seq)}. {@code s_addr} is in network order but is XORed as a host integer,
 * so on the little-endian machines that run it the target address enters byte-swapped: the
 * invariant is {@code seq ^ reverseBytes(dst) ^ (dport << 16 | sport)}. {@code syn_key} is drawn
 * once per scan ({@code src/scan_progs/scanopts.c} line 55). Only IPv4 is implemented there
 * ({@code send_packet.c} line 823: IPv6 "NYI").
 *
 * <p>It may vary its TTL: {@code -t min:max} sends each probe once per TTL in the range
 * ({@code send_packet.c} lines 135-147) and the emulated stacks use 255, 128, 64, 61 or a random TTL
 * of 128 and up ({@code init_packet.c} lines 90-301), so the inferred initial TTL is not reliable.
 *
 * <p>Keeps the last key and sequence number per source in a field of a bounded {@link SourceTable}:
 * a later packet with the same key but another sequence number went to another port or address.
 * The same key with the same sequence number is a retransmission and proves nothing.
 */
final class UnicornscanRule implements ScannerRule {
  private final SourceTable sources;
  private final int field;

  /** @param field which of the table's per-source fields holds this rule's key and seq */
  UnicornscanRule(SourceTable sources, int field) {
    this.sources = sources;
    this.field = field;
  }

  @Override
  public String tool() {
    return "unicornscan";
  }

  @Override
  public boolean randomizesTtl() {
    return true;
  }

  @Override
  public boolean matches(Observation o) {
    if (o.protocol() != Protocol.TCP
        || o.ipVersion() != 4
        || (o.tcpFlags() & (TcpFlags.ACK | TcpFlags.RST)) != 0) {
      return false;
    }
    int portPair = o.dstPort() << 16 | o.srcPort();
    int seq = (int) o.seq();
    int key = seq ^ Integer.reverseBytes(o.dst().v4()) ^ portPair;
    long state = (long) key << 32 | (seq & 0xFFFF_FFFFL);
    int slot = sources.slot(o.src());
    if (!sources.has(slot, field)) {
      sources.set(slot, field, state);
      return false;
    }
    long known = sources.get(slot, field);
    if ((int) (known >>> 32) == key) {
      return (int) known != seq;
    }
    sources.set(slot, field, state);
    return false;
  }
}
