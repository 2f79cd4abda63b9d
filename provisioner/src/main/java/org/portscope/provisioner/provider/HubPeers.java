package org.portscope.provisioner.provider;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import org.portscope.provisioner.onboard.state.NodeRecord;
import org.portscope.provisioner.plan.Cidr;
import org.portscope.provisioner.plan.PeerAddresses;
import org.portscope.provisioner.wireguard.WgPresharedKey;
import org.portscope.provisioner.wireguard.WgPublicKey;

/**
 * The peers a hub has, read back from the config onboarding rendered for it
 * ({@code /etc/portscope/IF.rendered.conf}, hub.conf.mustache: {@code # node NAME} above each
 * {@code [Peer]}). The hub is the provider's memory of which addresses are taken and which keys
 * each node has: a node added by one {@code pulumi up} is still a peer on the next, whatever else
 * the provider handles in between.
 */
final class HubPeers {

    private HubPeers() {
    }

    /**
     * @return node name to its record (addresses, preshared key, public key; SSH access unknown)
     * @throws IllegalArgumentException when a peer section is incomplete or malformed
     */
    static Map<String, NodeRecord> parse(String rendered) {
        Map<String, NodeRecord> peers = new LinkedHashMap<>();
        String name = null;
        WgPublicKey publicKey = null;
        WgPresharedKey psk = null;
        PeerAddresses addresses = null;
        for (String raw : (rendered + "\n# end").split("\n")) {
            String line = raw.strip();
            if (line.startsWith("# node ") || line.equals("# end")) {
                if (name != null) {
                    if (publicKey == null || psk == null || addresses == null) {
                        throw new IllegalArgumentException("peer '" + name + "' lacks PublicKey, PresharedKey or AllowedIPs");
                    }
                    peers.put(name, new NodeRecord(addresses, psk, publicKey, null, 0));
                }
                name = line.equals("# end") ? null : line.substring("# node ".length()).strip();
                publicKey = null;
                psk = null;
                addresses = null;
            } else if (name != null && line.contains("=")) {
                String key = line.substring(0, line.indexOf('=')).strip();
                String value = line.substring(line.indexOf('=') + 1).strip();
                switch (key) {
                    case "PublicKey" -> publicKey = WgPublicKey.parse(value);
                    case "PresharedKey" -> psk = WgPresharedKey.parse(value);
                    case "AllowedIPs" -> addresses = addresses(value);
                    default -> { }
                }
            }
        }
        return peers;
    }

    private static PeerAddresses addresses(String allowedIps) {
        InetAddress ipv4 = null;
        InetAddress ipv6 = null;
        for (String part : allowedIps.split(",")) {
            Cidr cidr = Cidr.parse(part.strip());
            if (cidr.isIpv4()) {
                ipv4 = cidr.network();
            } else {
                ipv6 = cidr.network();
            }
        }
        return new PeerAddresses(ipv4, ipv6);
    }
}
