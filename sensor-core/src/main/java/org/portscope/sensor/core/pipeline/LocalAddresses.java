package org.portscope.sensor.core.pipeline;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.portscope.sensor.api.IpAddress;
import org.portscope.sensor.core.config.Cidr;

/** The node's own addresses, as blocks, checked per packet without allocating. */
public final class LocalAddresses {
  private final List<Cidr> blocks;
  private final int[] v4Networks;
  private final int[] v4Masks;
  private final long[] v6Hi;
  private final long[] v6Lo;
  private final long[] v6HiMasks;
  private final long[] v6LoMasks;

  public LocalAddresses(List<Cidr> blocks) {
    this.blocks = List.copyOf(blocks);
    List<Cidr> v4 = this.blocks.stream().filter(c -> c.network().isV4()).toList();
    v4Networks = new int[v4.size()];
    v4Masks = new int[v4.size()];
    for (int i = 0; i < v4.size(); i++) {
      int len = v4.get(i).prefixLength();
      v4Masks[i] = len == 0 ? 0 : -1 << (32 - len);
      v4Networks[i] = v4.get(i).network().v4();
    }
    List<Cidr> v6 = this.blocks.stream().filter(c -> !c.network().isV4()).toList();
    v6Hi = new long[v6.size()];
    v6Lo = new long[v6.size()];
    v6HiMasks = new long[v6.size()];
    v6LoMasks = new long[v6.size()];
    for (int i = 0; i < v6.size(); i++) {
      int len = v6.get(i).prefixLength();
      v6HiMasks[i] = len == 0 ? 0 : len >= 64 ? -1L : -1L << (64 - len);
      v6LoMasks[i] = len <= 64 ? 0 : len == 128 ? -1L : -1L << (128 - len);
      v6Hi[i] = v6.get(i).network().hi();
      v6Lo[i] = v6.get(i).network().lo();
    }
  }

  /** Every address on the machine's interfaces, loopback included, each as a single-address block. */
  public static LocalAddresses ofInterfaces() throws SocketException {
    List<Cidr> out = new ArrayList<>();
    for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      for (InetAddress a : Collections.list(nif.getInetAddresses())) {
        IpAddress ip = IpAddress.ofBytes(a.getAddress());
        out.add(new Cidr(ip, ip.bits()));
      }
    }
    return new LocalAddresses(out);
  }

  public List<Cidr> blocks() {
    return blocks;
  }

  public boolean containsV4(int address) {
    for (int i = 0; i < v4Networks.length; i++) {
      if ((address & v4Masks[i]) == v4Networks[i]) {
        return true;
      }
    }
    return false;
  }

  /** Per packet, so masks are precomputed and nothing is allocated. */
  public boolean containsV6(long hi, long lo) {
    for (int i = 0; i < v6Hi.length; i++) {
      if ((hi & v6HiMasks[i]) == v6Hi[i] && (lo & v6LoMasks[i]) == v6Lo[i]) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return blocks.toString();
  }
}
