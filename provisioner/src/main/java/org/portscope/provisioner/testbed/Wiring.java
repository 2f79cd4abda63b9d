package org.portscope.provisioner.testbed;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The underlay's cabling. One "switch" namespace holds a Linux bridge; every host has a veth pair
 * whose {@code eth0} end is in the host and whose other end ({@code h1}, {@code h2}, ...) is a
 * bridge port; one more veth pair ({@code PREFIXup} in the root namespace, {@code uplink} on the
 * bridge) lets the root namespace reach every host. Interfaces other than the root one live in
 * namespaces of this testbed, so their names never collide with another testbed's.
 * <p>
 * IPv6 is left without addresses on the underlay ({@code addrgenmode none}), so the only packets
 * on it are the ones tests send; hosts have no default route, so nothing they send can leave.
 */
final class Wiring {

    static final String BRIDGE = "br0";
    static final String UPLINK = "uplink";
    static final String HOST_INTERFACE = "eth0";

    private Wiring() {
    }

    static void createSwitch(String switchNamespace) {
        Processes.ok("ip", "netns", "add", switchNamespace);
        batch(switchNamespace, """
                link set lo up
                link add %1$s type bridge
                link set %1$s addrgenmode none
                link set %1$s up
                """.formatted(BRIDGE));
    }

    /** Links the root namespace to the bridge and gives it the {@code .254} of a free /24. */
    static UnderlayNetwork createUplink(String switchNamespace, String rootLink, Path lockFile) {
        Processes.ok("ip", "link", "add", rootLink, "type", "veth", "peer", "name", UPLINK, "netns", switchNamespace);
        batch(switchNamespace, """
                link set %1$s addrgenmode none
                link set %1$s master %2$s up
                """.formatted(UPLINK, BRIDGE));
        return UnderlayAllocator.claim(lockFile, network -> batch(null, """
                link set %1$s addrgenmode none
                addr add %2$s/%3$d dev %1$s
                link set %1$s up
                """.formatted(rootLink, network.rootAddress(), network.prefixLength())));
    }

    /** Makes the host's namespace and plugs its {@code eth0} into the bridge. */
    static void connectHost(String switchNamespace, String hostNamespace, int index, UnderlayNetwork network) {
        String port = "h" + (index + 1);
        Processes.ok("ip", "netns", "add", hostNamespace);
        Processes.ok("ip", "-n", switchNamespace, "link", "add", port, "type", "veth",
                "peer", "name", HOST_INTERFACE, "netns", hostNamespace);
        batch(switchNamespace, """
                link set %1$s addrgenmode none
                link set %1$s master %2$s up
                """.formatted(port, BRIDGE));
        batch(hostNamespace, """
                link set lo up
                link set %1$s addrgenmode none
                addr add %2$s/%3$d dev %1$s
                link set %1$s up
                """.formatted(HOST_INTERFACE, network.hostAddress(index), network.prefixLength()));
    }

    /** Runs {@code ip -batch} in a namespace (null: the root namespace); all commands or an error. */
    private static void batch(String namespace, String commands) {
        List<String> command = namespace == null
                ? List.of("ip", "-batch", "-")
                : List.of("ip", "-n", namespace, "-batch", "-");
        Processes.run(command, commands, Processes.DEFAULT_TIMEOUT, Set.of()).requireSuccess();
    }
}
