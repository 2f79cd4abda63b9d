package org.portscope.provisioner.wireguard;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.portscope.provisioner.plan.AddressPlan;
import org.portscope.provisioner.plan.Cidr;
import org.portscope.provisioner.plan.PeerAddresses;

/**
 * The overlay's shape, from an address plan to config models. A star: each node talks to the hub
 * only. The hub's interface carries the whole overlay prefix; a node's carries host prefixes and
 * routes just the hub's addresses into the tunnel, so nodes cannot reach one another and no
 * traffic of the node's own services enters the overlay.
 */
public final class OverlayConfigs {

    private OverlayConfigs() {
    }

    /**
     * The hub's config.
     *
     * @param nodeKeys keys for exactly the nodes of the plan
     */
    public static HubConfig hub(AddressPlan plan, String interfaceName, int listenPort,
            Path privateKeyFile, Map<String, PeerKeys> nodeKeys) {
        Objects.requireNonNull(nodeKeys, "nodeKeys");
        TreeSet<String> unplanned = new TreeSet<>(nodeKeys.keySet());
        unplanned.removeAll(plan.nodes().keySet());
        if (!unplanned.isEmpty()) {
            throw new IllegalArgumentException("keys given for nodes not in the address plan: " + unplanned);
        }
        List<InterfaceAddress> addresses = new ArrayList<>();
        for (Cidr cidr : plan.network().cidrs()) {
            addresses.add(new InterfaceAddress(plan.hub().in(cidr), cidr.prefixLength()));
        }
        List<HubPeer> peers = new ArrayList<>();
        plan.nodes().forEach((name, nodeAddresses) -> {
            PeerKeys keys = nodeKeys.get(name);
            if (keys == null) {
                throw new IllegalArgumentException("node '" + name + "' is in the address plan but"
                        + " has no public key yet (its key pair is made when it is onboarded)");
            }
            peers.add(new HubPeer(name, keys.publicKey(), keys.presharedKey(), hostRoutes(nodeAddresses)));
        });
        return new HubConfig(interfaceName, addresses, listenPort, privateKeyFile, peers);
    }

    /** A node's config. */
    public static NodeConfig node(AddressPlan plan, String node, String interfaceName,
            Path privateKeyFile, WgPublicKey hubPublicKey, WgPresharedKey presharedKey,
            Endpoint hubEndpoint) {
        PeerAddresses own = plan.node(node);
        if (own == null) {
            throw new IllegalArgumentException("node '" + node + "' is not in the address plan");
        }
        List<InterfaceAddress> addresses = own.all().stream().map(InterfaceAddress::host).toList();
        NodePeer hub = new NodePeer(hubPublicKey, presharedKey, hubEndpoint,
                hostRoutes(plan.hub()), NodePeer.DEFAULT_KEEPALIVE_SECONDS);
        return new NodeConfig(node, interfaceName, addresses, privateKeyFile, hub);
    }

    private static List<Cidr> hostRoutes(PeerAddresses addresses) {
        List<Cidr> routes = new ArrayList<>();
        for (InetAddress address : addresses.all()) {
            routes.add(Cidr.host(address));
        }
        return routes;
    }
}
