package org.portscope.sensor.core.decode;

import java.util.Objects;
import java.util.function.IntPredicate;
import org.portscope.sensor.api.LinkType;
import org.portscope.sensor.api.Protocol;
import org.portscope.sensor.api.RawFrame;

/**
 * Decodes captured frames into a reusable {@link PacketView}, reading the frame's array in place.
 *
 * <p>Link types: Ethernet (any number of 802.1Q / 802.1ad / QinQ tags), Linux cooked SLL and SLL2,
 * raw IP (DLT 12, LINKTYPE 101, 228, 229), BSD loopback NULL (either byte order) and LOOP. Network
 * layers: IPv4 with options and fragments, IPv6 with hop-by-hop, routing, fragment, destination
 * options and AH headers. Transports: TCP, UDP, ICMP, ICMPv6.
 *
 * <p>Per packet, {@link #decode} allocates nothing and throws nothing, whatever the bytes: every
 * problem is a {@link DecodeOutcome}. Checksums are not verified. The decoder has no state; one
 * instance may serve every thread, each with its own view.
 */
public final class PacketDecoder {

  /**
   * Fills {@code view} from {@code frame}. After an {@link DecodeOutcome#OK} the view holds the
   * whole packet; after any other outcome it holds what was decoded before the decoder stopped
   * (e.g. the IP header of a non-first fragment) and the rest reads as unset (-1, 0 or null).
   *
   * @return OK, an ignorable outcome, or the reason the frame is malformed
   */
  public DecodeOutcome decode(RawFrame frame, PacketView view) {
    Objects.requireNonNull(frame, "frame");
    byte[] data = frame.data();
    return decode(frame.timestampNanos(), frame.linkType(), data, data.length, frame.wireLength(), view);
  }

  /**
   * A shortcut for a pass that wants only TCP packets from certain IPv4 sources, without decoding
   * the rest: true when {@code data[0, length)} is a plain Ethernet frame carrying IPv4 (no VLAN
   * tag) that is not TCP or whose source {@code wanted} refuses. Such a frame, decoded, is
   * certainly not a TCP packet from a wanted source; any other answer means "decode it to know".
   */
  public static boolean surelyNotTcpFrom(int linkType, byte[] data, int length, IntPredicate wanted) {
    Objects.checkFromIndexSize(0, length, data.length);
    return linkType == LinkType.ETHERNET && length >= 34 && Bytes.u16(data, 12) == LinkLayer.ETHERTYPE_IPV4
        && (Bytes.u8(data, 23) != Protocol.TCP.number() || !wanted.test(Bytes.i32(data, 26)));
  }

  /**
   * Fills {@code view} from a frame held in {@code data[0, length)} (a lent frame: the array may
   * be longer, and nothing past {@code length} is read), as {@link #decode(RawFrame, PacketView)}.
   *
   * @throws IndexOutOfBoundsException when {@code length} is beyond the array: the caller's error,
   *     not the packet's
   */
  public DecodeOutcome decode(long timestampNanos, int linkType, byte[] data, int length,
      int wireLength, PacketView view) {
    Objects.checkFromIndexSize(0, length, data.length);
    view.reset(timestampNanos, linkType, data, length, wireLength);
    DecodeOutcome outcome = LinkLayer.decode(linkType, data, view);
    if (outcome == DecodeOutcome.OK) {
      outcome = IpLayer.decode(data, wireLength, view);
      if (outcome == DecodeOutcome.OK) {
        outcome = TransportLayer.decode(data, view);
      }
    }
    view.outcome = outcome;
    return outcome;
  }
}
