package org.portscope.provisioner.onboard.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.portscope.provisioner.onboard.inventory.Inventory;
import org.portscope.provisioner.onboard.machine.Layout;
import org.portscope.provisioner.onboard.machine.Shell;
import org.portscope.provisioner.plan.Cidr;
import org.portscope.provisioner.plan.IpLiterals;
import org.portscope.provisioner.plan.NodeNames;
import org.portscope.provisioner.ssh.ShellQuote;
import org.portscope.provisioner.ssh.SshOptions;
import org.portscope.provisioner.ssh.SshSession;
import org.portscope.provisioner.wireguard.HubPeer;
import org.portscope.provisioner.wireguard.WgPresharedKey;
import org.portscope.provisioner.wireguard.WgPublicKey;

/**
 * The nodes that enrolled themselves with a token, as the hub's enrollment API records them
 * ({@link Layout#HUB_ENROLLED}{@code /NAME.json}, with their preshared keys): the hub converge
 * renders them into the hub's WireGuard config, so {@code wg syncconf} keeps them, and the address
 * plan leaves their addresses out.
 */
public final class EnrolledNodes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EnrolledNodes() {
    }

    /**
     * An enrolled node as the hub recorded it (no keys).
     *
     * @param name its name on the hub
     * @param address its overlay address
     * @param tokenId the token it enrolled with
     * @param enrolledAt when, ISO-8601
     */
    public record Enrolled(String name, String address, String tokenId, String enrolledAt) {
    }

    /** The enrolled nodes' peers by name (none when the hub runs no enrollment API). */
    public static Map<String, HubPeer> peers(Shell root) {
        Map<String, HubPeer> peers = new LinkedHashMap<>();
        for (JsonNode node : records(root)) {
            String name = node.path("name").asText();
            InetAddress address = IpLiterals.parse(node.path("address").asText(), "enrolled node " + name + "'s address");
            peers.put(name, new HubPeer(name, WgPublicKey.parse(node.path("publicKey").asText()),
                    WgPresharedKey.parse(node.path("presharedKey").asText()), List.of(Cidr.host(address))));
        }
        return peers;
    }

    /** The enrolled nodes, by name. */
    public static List<Enrolled> list(Shell root) {
        return records(root).stream().map(n -> new Enrolled(n.path("name").asText(), n.path("address").asText(),
                n.path("tokenId").asText(), n.path("enrolledAt").asText())).sorted(java.util.Comparator.comparing(Enrolled::name))
                .toList();
    }

    /**
     * Revokes an enrolled node: its record leaves the hub; the hub service notices within seconds
     * and drops its peer (root applies the change live), and the collector no longer accepts it.
     *
     * @return whether the hub had it
     */
    public static boolean revoke(Shell root, String name) {
        String file = ShellQuote.quote(Layout.HUB_ENROLLED + "/" + NodeNames.require(name) + ".json");
        return root.run("revoke enrolled node", "if [ -e " + file + " ]; then rm -f " + file + "; echo revoked; fi")
                .contains("revoked");
    }

    private static List<JsonNode> records(Shell root) {
        String text = root.run("enrolled nodes", "for f in " + Layout.HUB_ENROLLED + "/*.json; do"
                + " [ -f \"$f\" ] && cat \"$f\" && echo; done; true");
        try (MappingIterator<JsonNode> records = JSON.readerFor(JsonNode.class).readValues(text)) {
            return records.readAll();
        } catch (IOException | RuntimeException e) {
            // Never the text: it holds preshared keys.
            throw new IllegalStateException("the hub's enrolled node records (" + Layout.HUB_ENROLLED + ") are not valid: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    /** Opens the inventory's hub as onboarding does. */
    public static SshSession open(Inventory inventory, Map<String, String> env) {
        return SshSession.open(inventory.hub().ssh().target(inventory.knownHosts(), env, "hub.ssh"), SshOptions.defaults());
    }

    /**
     * The addresses enrolled nodes hold, read over SSH from the inventory's hub when it runs the
     * enrollment API; none otherwise, or when the hub cannot be reached yet (its converge will say why).
     */
    public static Set<InetAddress> addresses(Inventory inventory, Map<String, String> env) {
        if (inventory.hub().service().enrollmentPort() == 0) {
            return Set.of();
        }
        try (SshSession ssh = open(inventory, env)) {
            return peers(ssh.root()).values().stream().flatMap(p -> p.allowedIps().stream()).map(Cidr::network)
                    .collect(Collectors.toUnmodifiableSet());
        } catch (RuntimeException unreachable) {
            return Set.of();
        }
    }
}
