package org.portscope.provisioner.onboard.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.portscope.provisioner.onboard.inventory.Inventory;
import org.portscope.provisioner.onboard.inventory.NodeSpec;
import org.portscope.provisioner.plan.AddressPlan;
import org.portscope.provisioner.plan.AddressPlanner;
import org.portscope.provisioner.plan.PeerAddresses;
import org.portscope.provisioner.wireguard.WgPresharedKey;
import org.portscope.provisioner.wireguard.WgPublicKey;

/**
 * The provisioner's memory of an institution, in a JSON file beside the inventory (mode 0600: it
 * holds the preshared keys): overlay addresses, public keys, preshared keys and how each node was
 * reached. Re-runs read it so addresses and keys stay stable. Every change is written at once
 * (atomically), so an interrupted run loses nothing it already did. Thread-safe.
 *
 * <p>The Pulumi provider keeps an {@link #inMemory} state instead: its memory is the stack's state
 * and the hub's own config, so nothing is written.
 */
public final class ProvisionerState {

    private final Path file;
    private final String institution;
    private WgPublicKey hubPublicKey;
    private final Map<String, NodeRecord> nodes;

    private ProvisionerState(Path file, String institution, WgPublicKey hub, Map<String, NodeRecord> nodes) {
        this.file = file;
        this.institution = institution;
        this.hubPublicKey = hub;
        this.nodes = new LinkedHashMap<>(nodes);
    }

    /**
     * A state that is never written, seeded with what is known: the hub's key (or null) and its
     * peers (records whose SSH access may be null when only the hub's config names them).
     */
    public static ProvisionerState inMemory(String institution, WgPublicKey hub, Map<String, NodeRecord> nodes) {
        return new ProvisionerState(null, java.util.Objects.requireNonNull(institution, "institution"), hub, nodes);
    }

    /** Reads the state of this inventory, or starts an empty one. */
    public static ProvisionerState load(Inventory inventory) {
        Path file = inventory.stateFile();
        if (!Files.exists(file)) {
            return new ProvisionerState(file, inventory.institution(), null, Map.of());
        }
        try {
            StateCodec.Decoded decoded = StateCodec.read(Files.readAllBytes(file), file);
            if (!decoded.institution().equals(inventory.institution())) {
                throw new IllegalArgumentException(file + " belongs to institution '" + decoded.institution()
                        + "', the inventory names '" + inventory.institution() + "'");
            }
            return new ProvisionerState(file, decoded.institution(), decoded.hub(), decoded.nodes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the provisioner state " + file, e);
        }
    }

    /** The state file, or null for an {@link #inMemory} state. */
    public Path file() {
        return file;
    }

    public synchronized Optional<WgPublicKey> hubPublicKey() {
        return Optional.ofNullable(hubPublicKey);
    }

    public synchronized void setHubPublicKey(WgPublicKey key) {
        hubPublicKey = key;
        save();
    }

    public synchronized Optional<NodeRecord> node(String name) {
        return Optional.ofNullable(nodes.get(name));
    }

    /** Every node the state knows, in order of first onboarding. */
    public synchronized Map<String, NodeRecord> nodes() {
        return Map.copyOf(nodes);
    }

    public synchronized List<String> nodeNames() {
        return List.copyOf(nodes.keySet());
    }

    /**
     * Gives the inventory's nodes addresses (keeping those they have) and preshared keys; nodes
     * only the state knows keep theirs until they are offboarded.
     *
     * @return the plan in force
     */
    public synchronized AddressPlan plan(Inventory inventory, SecureRandom random) {
        return plan(inventory, random, java.util.Set.of());
    }

    /** The plan, leaving out {@code reserved}: the addresses of nodes that enrolled themselves. */
    public synchronized AddressPlan plan(Inventory inventory, SecureRandom random, java.util.Set<java.net.InetAddress> reserved) {
        List<String> names = new ArrayList<>(nodes.keySet());
        inventory.nodes().stream().map(NodeSpec::name).filter(n -> !names.contains(n)).forEach(names::add);
        AddressPlan previous = nodes.isEmpty() ? null : currentPlan(inventory);
        AddressPlan plan = AddressPlanner.plan(inventory.overlay(), previous, names, reserved);
        for (NodeSpec spec : inventory.nodes()) {
            NodeRecord known = nodes.get(spec.name());
            PeerAddresses addresses = plan.node(spec.name());
            nodes.put(spec.name(), known == null
                    ? new NodeRecord(addresses, WgPresharedKey.generate(random), null, spec.ssh(), spec.sensor().metricsPort())
                    : known.withAddresses(addresses).withAccess(spec.ssh(), spec.sensor().metricsPort()));
        }
        nodes.replaceAll((name, node) -> node.withAddresses(plan.node(name)));
        save();
        return plan;
    }

    private AddressPlan currentPlan(Inventory inventory) {
        try {
            Map<String, PeerAddresses> kept = new LinkedHashMap<>();
            nodes.forEach((name, node) -> kept.put(name, node.addresses()));
            return new AddressPlan(inventory.overlay(), AddressPlanner.plan(inventory.overlay(), List.of()).hub(), kept);
        } catch (IllegalArgumentException changedOverlay) {
            return null; // the overlay CIDR changed: every address is given anew
        }
    }

    public synchronized void setPublicKey(String node, WgPublicKey key) {
        NodeRecord known = nodes.get(node);
        if (known == null) {
            throw new IllegalStateException("node '" + node + "' has no state (not planned)");
        }
        nodes.put(node, known.withPublicKey(key));
        save();
    }

    /** Replaces a node's preshared key (one made elsewhere, e.g. a Pulumi resource's). */
    public synchronized void setPresharedKey(String node, WgPresharedKey key) {
        NodeRecord known = nodes.get(node);
        if (known == null) {
            throw new IllegalStateException("node '" + node + "' has no state (not planned)");
        }
        nodes.put(node, known.withPresharedKey(java.util.Objects.requireNonNull(key, "key")));
        save();
    }

    /** Forgets a node: its address becomes free for the next new node. */
    public synchronized void remove(String node) {
        if (nodes.remove(node) != null) {
            save();
        }
    }

    private void save() {
        if (file == null) {
            return;
        }
        try {
            byte[] bytes = StateCodec.write(institution, hubPublicKey, nodes);
            Path dir = file.toAbsolutePath().getParent();
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.write(tmp, bytes);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the provisioner state " + file, e);
        }
    }
}
