package org.portscope.provisioner.onboard.state;

import java.util.Objects;
import org.portscope.provisioner.onboard.inventory.SshAccess;
import org.portscope.provisioner.plan.PeerAddresses;
import org.portscope.provisioner.wireguard.WgPresharedKey;
import org.portscope.provisioner.wireguard.WgPublicKey;

/**
 * What the provisioner remembers of one node between runs. The SSH access is kept so a node
 * removed from the inventory can still be offboarded.
 *
 * @param addresses its overlay addresses (stable across runs)
 * @param presharedKey the secret of its tunnel with the hub
 * @param publicKey its WireGuard public key, made on the node; null until its key pair exists
 * @param ssh how it was reached; null for a peer known only from the hub's config (the Pulumi
 *     provider, which reaches each node with its own resource's inputs, learns the other peers so)
 * @param metricsPort where its sensor serves /healthz on its overlay address
 */
public record NodeRecord(PeerAddresses addresses, WgPresharedKey presharedKey, WgPublicKey publicKey,
        SshAccess ssh, int metricsPort) {

    public NodeRecord {
        Objects.requireNonNull(addresses, "addresses");
        Objects.requireNonNull(presharedKey, "presharedKey");
    }

    public NodeRecord withPublicKey(WgPublicKey key) {
        return new NodeRecord(addresses, presharedKey, key, ssh, metricsPort);
    }

    public NodeRecord withAccess(SshAccess access, int port) {
        return new NodeRecord(addresses, presharedKey, publicKey, access, port);
    }

    public NodeRecord withPresharedKey(WgPresharedKey key) {
        return new NodeRecord(addresses, key, publicKey, ssh, metricsPort);
    }

    public NodeRecord withAddresses(PeerAddresses moved) {
        return new NodeRecord(moved, presharedKey, publicKey, ssh, metricsPort);
    }
}
