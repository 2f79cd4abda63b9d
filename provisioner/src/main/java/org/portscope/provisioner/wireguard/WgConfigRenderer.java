package org.portscope.provisioner.wireguard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Renders wg-quick(8) configs from {@code wireguard-templates/hub.conf.mustache} and
 * {@code node.conf.mustache}. The output holds public keys and preshared keys but never a private
 * key: its [Interface] names the machine's key file in a {@value #PRIVATE_KEY_LINE} line, which
 * {@code wireguard-templates/install-config.sh} fills in on that machine (the templates say why
 * not PostUp). The output is still a secret because of the preshared keys: keep it mode 0600.
 */
public final class WgConfigRenderer {

    public static final String HUB_TEMPLATE = "hub.conf.mustache";
    public static final String NODE_TEMPLATE = "node.conf.mustache";
    /** How a rendered config names the key file that install-config.sh reads on the machine. */
    public static final String PRIVATE_KEY_LINE = "PrivateKey = @file:";

    private final ConfigTemplates templates;

    /** Uses the templates carried in the jar. */
    public WgConfigRenderer() {
        this(new ConfigTemplates());
    }

    WgConfigRenderer(ConfigTemplates templates) {
        this.templates = Objects.requireNonNull(templates, "templates");
    }

    /** The hub's {@code <interface>.conf}. */
    public String renderHub(HubConfig hub) {
        Map<String, Object> scope = new HashMap<>();
        scope.put("interfaceName", hub.interfaceName());
        scope.put("addresses", joined(hub.addresses()));
        scope.put("listenPort", Integer.toString(hub.listenPort()));
        scope.put("privateKeyFile", hub.privateKeyFile().toString());
        List<Map<String, Object>> peers = new ArrayList<>();
        for (HubPeer peer : hub.peers()) {
            Map<String, Object> p = new HashMap<>();
            p.put("name", peer.name());
            p.put("publicKey", peer.publicKey().base64());
            p.put("presharedKey", peer.presharedKey().toBase64());
            p.put("allowedIps", joined(peer.allowedIps()));
            peers.add(p);
        }
        scope.put("peers", peers);
        return templates.render(HUB_TEMPLATE, scope);
    }

    /** A node's {@code <interface>.conf}. */
    public String renderNode(NodeConfig node) {
        NodePeer hub = node.hub();
        Map<String, Object> scope = new HashMap<>();
        scope.put("name", node.name());
        scope.put("interfaceName", node.interfaceName());
        scope.put("addresses", joined(node.addresses()));
        scope.put("privateKeyFile", node.privateKeyFile().toString());
        scope.put("hubPublicKey", hub.publicKey().base64());
        scope.put("presharedKey", hub.presharedKey().toBase64());
        scope.put("allowedIps", joined(hub.allowedIps()));
        scope.put("endpoint", hub.endpoint().toString());
        // A null value makes the template's section vanish: no keepalive line at all.
        scope.put("persistentKeepalive",
                hub.persistentKeepalive() == 0 ? null : Integer.toString(hub.persistentKeepalive()));
        return templates.render(NODE_TEMPLATE, scope);
    }

    private static String joined(List<?> values) {
        return values.stream().map(Object::toString).collect(Collectors.joining(", "));
    }
}
