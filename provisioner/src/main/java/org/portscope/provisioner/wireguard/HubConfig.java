package org.portscope.provisioner.wireguard;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What {@code hub.conf.mustache} renders: the hub's interface and one peer per node. It holds no
 * private key, only the path where the hub keeps its own (filled in there by install-config.sh).
 *
 * @param interfaceName e.g. {@code wg0}; the config file is {@code <interfaceName>.conf}
 * @param addresses the hub's overlay addresses with the overlay prefix
 * @param listenPort the UDP port nodes connect to
 * @param privateKeyFile the hub's key file, read on the hub by install-config.sh
 * @param peers the nodes, each with a distinct public key
 */
public record HubConfig(String interfaceName, List<InterfaceAddress> addresses, int listenPort,
        Path privateKeyFile, List<HubPeer> peers) {

    public HubConfig {
        ConfigValues.interfaceName(interfaceName);
        addresses = List.copyOf(Objects.requireNonNull(addresses, "addresses"));
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("the hub needs at least one overlay address");
        }
        ConfigValues.port(listenPort, "hub listen port");
        ConfigValues.keyFile(privateKeyFile);
        peers = List.copyOf(Objects.requireNonNull(peers, "peers"));
        Set<WgPublicKey> keys = new HashSet<>();
        for (HubPeer peer : peers) {
            if (!keys.add(peer.publicKey())) {
                throw new IllegalArgumentException("node '" + peer.name() + "' has the public key "
                        + peer.publicKey() + " of another node; every node needs its own key pair");
            }
        }
    }

    /** The conventional key file, {@code /etc/wireguard/<interface>.key}. */
    public static Path defaultKeyFile(String interfaceName) {
        return Path.of("/etc/wireguard", ConfigValues.interfaceName(interfaceName) + ".key");
    }
}
