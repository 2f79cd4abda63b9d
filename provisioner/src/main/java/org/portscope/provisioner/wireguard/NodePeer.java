package org.portscope.provisioner.wireguard;

import java.util.List;
import java.util.Objects;
import org.portscope.provisioner.plan.Cidr;

/**
 * The hub as a node sees it.
 *
 * @param publicKey the hub's public key
 * @param presharedKey the secret shared by this node and the hub
 * @param endpoint where the hub listens, outside the overlay
 * @param allowedIps what the node sends into the tunnel: the hub's overlay addresses
 * @param persistentKeepalive seconds between keepalives, so NAT mappings stay open and the hub
 *     can reach the node; 0 turns them off
 */
public record NodePeer(WgPublicKey publicKey, WgPresharedKey presharedKey, Endpoint endpoint,
        List<Cidr> allowedIps, int persistentKeepalive) {

    /** What WireGuard's documentation suggests for peers behind NAT. */
    public static final int DEFAULT_KEEPALIVE_SECONDS = 25;

    public NodePeer {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(presharedKey, "presharedKey");
        Objects.requireNonNull(endpoint, "endpoint");
        allowedIps = ConfigValues.allowedIps(allowedIps, "hub peer");
        if (persistentKeepalive < 0 || persistentKeepalive > 65535) {
            throw new IllegalArgumentException("persistent keepalive must be 0-65535 seconds, got "
                    + persistentKeepalive);
        }
    }
}
