package org.portscope.sensor.core.pipeline;

import java.util.BitSet;
import java.util.function.IntPredicate;
import org.portscope.sensor.api.PacketSource;
import org.portscope.sensor.api.Protocol;
import org.portscope.sensor.api.TcpFlags;
import org.portscope.sensor.core.decode.DecodeOutcome;
import org.portscope.sensor.core.decode.PacketDecoder;
import org.portscope.sensor.core.decode.PacketView;

/**
 * For capture files: a first pass that finds every TCP port the node answered with a SYN-ACK, so
 * that no probe to a port with a service is recorded, not even the ones before the first answer.
 * (Live, /proc tells which ports are open before the first packet; a file has no /proc.)
 */
final class AnsweredPorts implements InPlaceFrameSink {
  private final LocalAddresses local;
  private final IntPredicate fromNode;
  private final PacketDecoder decoder = new PacketDecoder();
  private final PacketView view = new PacketView();
  private final BitSet ports = new BitSet(65_536);

  private AnsweredPorts(LocalAddresses local) {
    this.local = local;
    this.fromNode = local::containsV4;
  }

  /** Reads the whole input of {@code source} (a fresh, configured instance) and returns the ports. */
  static PortSet find(PacketSource source, LocalAddresses local) throws Exception {
    AnsweredPorts pass = new AnsweredPorts(local);
    source.run(pass);
    return PortSet.of(pass.ports);
  }

  /**
   * The file source's way in: the frame is read in place, nothing is allocated per frame, and the
   * usual frame (Ethernet, IPv4) is decoded only when it is TCP from the node: a quarter of the
   * pass went to decoding every inbound packet in full.
   */
  @Override
  public void lend(long timestampNanos, int linkType, byte[] data, int length, int wireLength) {
    if (PacketDecoder.surelyNotTcpFrom(linkType, data, length, fromNode)) {
      return;
    }
    if (decoder.decode(timestampNanos, linkType, data, length, wireLength, view) == DecodeOutcome.OK
        && view.protocol() == Protocol.TCP
        && (view.tcpFlags() & (TcpFlags.SYN | TcpFlags.ACK)) == (TcpFlags.SYN | TcpFlags.ACK)
        && (view.ipVersion() == 4 ? local.containsV4(view.srcV4())
            : local.containsV6(view.srcHi(), view.srcLo()))) {
      ports.set(view.srcPort());
    }
  }
}
