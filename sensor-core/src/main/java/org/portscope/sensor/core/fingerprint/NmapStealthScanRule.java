package org.portscope.sensor.core.fingerprint;

import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.Protocol;
import org.portscope.sensor.api.TcpFlags;

/**
 * Nmap's scans without SYN: NULL ({@code -sN}), FIN ({@code -sF}), Xmas ({@code -sX}), ACK
 * ({@code -sA}), Window ({@code -sW}) and Maimon ({@code -sM}).
 *
 * <p>Source: nmap/nmap at db4aefd, {@code scan_engine.cc} lines 1293-1312 set the flags (0, FIN,
 * FIN|PSH|URG, ACK, ACK, FIN|ACK); {@code scan_engine_raw.cc}, {@code sendIPScanProbe()} lines
 * 1207-1215: probes with ACK carry the encoded try number in the ACK field and leave the sequence
 * number 0, the others put it in the sequence number and leave ACK 0; only SYN probes get options.
 * {@code tcpip.cc}, {@code build_tcp()} lines 591-607: a zero sequence number stays zero unless
 * the probe has SYN, and the window is 1024; {@code build_ip()} line 533: TTL 37-59.
 */
final class NmapStealthScanRule implements ScannerRule {
  private static final int XMAS = TcpFlags.FIN | TcpFlags.PSH | TcpFlags.URG;
  private static final int MAIMON = TcpFlags.FIN | TcpFlags.ACK;

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
    if (o.protocol() != Protocol.TCP
        || o.window() != 1024
        || !o.tcpOptions().isEmpty()
        || o.ttl() > NmapSynScanRule.MAX_DEFAULT_TTL) {
      return false;
    }
    int flags = o.tcpFlags();
    if (flags == 0 || flags == TcpFlags.FIN || flags == XMAS) {
      return o.ack() == 0;
    }
    if (flags == TcpFlags.ACK || flags == MAIMON) {
      return o.seq() == 0;
    }
    return false;
  }
}
