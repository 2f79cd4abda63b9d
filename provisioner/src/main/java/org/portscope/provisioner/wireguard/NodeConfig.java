package org.portscope.provisioner.wireguard;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.portscope.provisioner.plan.NodeNames;

/**
 * What {@code node.conf.mustache} renders: a node's interface and its single peer, the hub. It
 * holds no private key, only the path where the node keeps its own (filled in there by
 * install-config.sh).
 *
 * @param name the node's name (a comment in the config)
 * @param interfaceName e.g. {@code wg0}; the config file is {@code <interfaceName>.conf}
 * @param addresses the node's overlay addresses, host prefixes (see {@link InterfaceAddress})
 * @param privateKeyFile the node's key file, read on the node by install-config.sh
 * @param hub the hub peer
 */
public record NodeConfig(String name, String interfaceName, List<InterfaceAddress> addresses,
        Path privateKeyFile, NodePeer hub) {

    public NodeConfig {
        NodeNames.require(name);
        ConfigValues.interfaceName(interfaceName);
        addresses = List.copyOf(Objects.requireNonNull(addresses, "addresses"));
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("node '" + name + "' needs at least one overlay address");
        }
        ConfigValues.keyFile(privateKeyFile);
        Objects.requireNonNull(hub, "hub");
    }
}
