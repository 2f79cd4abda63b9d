package org.portscope.sensor.core.decode;

import static org.portscope.sensor.core.decode.Frames.concat;
import static org.portscope.sensor.core.decode.Frames.extension;
import static org.portscope.sensor.core.decode.Frames.fragment6;

import java.util.ArrayList;
import java.util.List;
import org.portscope.sensor.api.LinkType;
import org.portscope.sensor.api.RawFrame;
import org.portscope.sensor.api.TcpFlags;

/** Well-formed frames of every link type and protocol the decoder knows, for fuzzing and timing. */
final class Corpus {
  static final int[] LINK_TYPES = {LinkType.NULL, LinkType.ETHERNET, LinkType.RAW_DLT,
      LinkType.RAW, LinkType.LOOP, LinkType.LINUX_SLL, LinkType.IPV4, LinkType.IPV6,
      LinkType.LINUX_SLL2};

  private Corpus() {}

  /** IP packets, IPv4 and IPv6, each of a kind the decoder handles differently. */
  static List<byte[]> packets() {
    String a4 = "198.51.100.23";
    String b4 = "192.0.2.77";
    String a6 = "2001:db8:5::23";
    String b6 = "2001:db8:ffff::77";
    byte[] synOpts = Frames.tcp(41234, 22, TcpFlags.SYN, 0x1234_5678L, 0, 29200,
        Frames.LINUX_SYN_OPTIONS, 0);
    byte[] data = Frames.tcp(443, 51000, TcpFlags.PSH | TcpFlags.ACK, 77, 88, 501, new byte[0],
        120);
    List<byte[]> p = new ArrayList<>();
    p.add(Frames.ipv4(6, a4, b4, Frames.syn(40000, 23)));
    p.add(Frames.ipv4(6, a4, b4, synOpts));
    p.add(Frames.ipv4(6, a4, b4, new byte[] {7, 7, 4, 0, 0, 0, 0, 0}, data));
    p.add(Frames.ipv4(17, a4, b4, Frames.udp(53, 33434, 40)));
    p.add(Frames.ipv4(1, a4, b4, Frames.icmp(8, 0, 32)));
    p.add(Frames.ipv4(47, a4, b4, new byte[24]));
    byte[] firstFragment = Frames.ipv4(17, a4, b4, Frames.udp(500, 500, 64));
    Frames.put16(firstFragment, 6, 0x2000);
    p.add(firstFragment);
    byte[] laterFragment = Frames.ipv4(17, a4, b4, new byte[48]);
    Frames.put16(laterFragment, 6, 0x0009);
    p.add(laterFragment);
    p.add(Frames.ipv6(6, a6, b6, Frames.syn(40000, 2323)));
    p.add(Frames.ipv6(6, a6, b6, data));
    p.add(Frames.ipv6(17, a6, b6, Frames.udp(1, 1900, 100)));
    p.add(Frames.ipv6(58, a6, b6, Frames.icmp(128, 0, 16)));
    p.add(Frames.ipv6(0, a6, b6, concat(extension(0, 60, 8), extension(60, 43, 16),
        extension(43, 44, 24), fragment6(51, 0, true), extension(51, 6, 16), synOpts)));
    p.add(Frames.ipv6(44, a6, b6, concat(fragment6(17, 100, false), new byte[40])));
    p.add(Frames.ipv6(60, a6, b6, concat(extension(60, 50, 8), new byte[40])));
    return p;
  }

  /** Every packet behind every link type (with and without VLAN tags for Ethernet). */
  static List<RawFrame> frames() {
    List<RawFrame> frames = new ArrayList<>();
    for (byte[] ip : packets()) {
      boolean v4 = (ip[0] >>> 4) == 4;
      int etherType = v4 ? Frames.ETH_IPV4 : Frames.ETH_IPV6;
      frames.add(Frames.frame(LinkType.ETHERNET, Frames.ethernet(etherType, ip)));
      frames.add(Frames.frame(LinkType.ETHERNET,
          Frames.ethernetTagged(new int[] {Frames.TPID_8021Q}, etherType, ip)));
      frames.add(Frames.frame(LinkType.ETHERNET, Frames.ethernetTagged(
          new int[] {Frames.TPID_8021AD, Frames.TPID_8021Q}, etherType, ip)));
      frames.add(Frames.frame(LinkType.LINUX_SLL, Frames.sll(etherType, ip)));
      frames.add(Frames.frame(LinkType.LINUX_SLL2, Frames.sll2(etherType, ip)));
      frames.add(Frames.frame(LinkType.RAW_DLT, ip));
      frames.add(Frames.frame(LinkType.RAW, ip));
      frames.add(Frames.frame(v4 ? LinkType.IPV4 : LinkType.IPV6, ip));
      frames.add(Frames.frame(LinkType.NULL, Frames.loopback(v4 ? 2 : 30, true, ip)));
      frames.add(Frames.frame(LinkType.NULL, Frames.loopback(v4 ? 2 : 10, false, ip)));
      frames.add(Frames.frame(LinkType.LOOP, Frames.loopback(v4 ? 2 : 24, false, ip)));
    }
    frames.add(Frames.frame(LinkType.ETHERNET, Frames.ethernet(Frames.ETH_ARP, new byte[28])));
    return frames;
  }
}
