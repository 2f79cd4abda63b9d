package org.portscope.provisioner.wireguard;

import java.util.Objects;

/**
 * The keys the hub holds for one node: the node's public key (made on the node) and the
 * preshared key of their tunnel.
 */
public record PeerKeys(WgPublicKey publicKey, WgPresharedKey presharedKey) {

    public PeerKeys {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(presharedKey, "presharedKey");
    }
}
