package org.portscope.plugin.pcap;

import java.io.IOException;

/**
 * Two network namespaces joined by a veth pair, named per run ({@code pscap<pid><tag>a|b}), with
 * fixed MAC addresses, 192.0.2.1 (side a) and 192.0.2.2 (side b), and static neighbour entries so
 * no ARP traffic precedes the test's packets. {@link #close} removes both namespaces.
 */
final class VethPair implements AutoCloseable {
  static final String ADDRESS_A = "192.0.2.1";
  static final String ADDRESS_B = "192.0.2.2";
  private static final String MAC_A = "02:00:5e:00:53:01";
  private static final String MAC_B = "02:00:5e:00:53:02";

  final String namespaceA;
  final String namespaceB;
  /** The veth end in namespace a (interfaces are per namespace, so names may repeat). */
  final String interfaceA;
  final String interfaceB;

  private VethPair(String prefix) {
    namespaceA = prefix + "a";
    namespaceB = prefix + "b";
    interfaceA = prefix + "a";
    interfaceB = prefix + "b";
  }

  static VethPair create(char tag) throws IOException, InterruptedException {
    VethPair pair = new VethPair("pscap" + ProcessHandle.current().pid() + tag);
    pair.close(); // a leftover from an earlier run with the same pid
    try {
      pair.setUp();
    } catch (IOException | InterruptedException | RuntimeException e) {
      pair.close();
      throw e;
    }
    return pair;
  }

  private void setUp() throws IOException, InterruptedException {
    Cmd.run("ip", "netns", "add", namespaceA);
    Cmd.run("ip", "netns", "add", namespaceB);
    Cmd.run("ip", "link", "add", interfaceA, "address", MAC_A, "netns", namespaceA, "type", "veth",
        "peer", "name", interfaceB, "address", MAC_B, "netns", namespaceB);
    side(namespaceA, interfaceA, ADDRESS_A, ADDRESS_B, MAC_B);
    side(namespaceB, interfaceB, ADDRESS_B, ADDRESS_A, MAC_A);
  }

  private static void side(String ns, String iface, String address, String peer, String peerMac)
      throws IOException, InterruptedException {
    Cmd.run("ip", "-n", ns, "addr", "add", address + "/24", "dev", iface);
    Cmd.run("ip", "-n", ns, "link", "set", iface, "up");
    Cmd.run("ip", "-n", ns, "link", "set", "lo", "up");
    Cmd.run("ip", "-n", ns, "neigh", "replace", peer, "lladdr", peerMac, "dev", iface, "nud", "permanent");
  }

  @Override
  public void close() {
    Cmd.quietly("ip", "netns", "del", namespaceA);
    Cmd.quietly("ip", "netns", "del", namespaceB);
  }
}
