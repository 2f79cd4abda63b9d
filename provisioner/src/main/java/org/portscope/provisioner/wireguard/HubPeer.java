package org.portscope.provisioner.wireguard;

import java.util.List;
import java.util.Objects;
import org.portscope.provisioner.plan.Cidr;
import org.portscope.provisioner.plan.NodeNames;

/**
 * A node as the hub sees it. No endpoint: nodes may sit behind NAT, so the hub learns where each
 * one is from its handshakes.
 *
 * @param name the node's name (a comment in the config)
 * @param publicKey the node's public key
 * @param presharedKey the secret shared by this node and the hub
 * @param allowedIps what the node may send from: its overlay addresses
 */
public record HubPeer(String name, WgPublicKey publicKey, WgPresharedKey presharedKey, List<Cidr> allowedIps) {

    public HubPeer {
        NodeNames.require(name);
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(presharedKey, "presharedKey");
        allowedIps = ConfigValues.allowedIps(allowedIps, "node '" + name + "'");
    }
}
