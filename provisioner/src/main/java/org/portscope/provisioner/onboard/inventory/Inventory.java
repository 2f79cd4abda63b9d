package org.portscope.provisioner.onboard.inventory;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.portscope.provisioner.plan.OverlayNetwork;

/**
 * An institution's inventory: its overlay, its hub and its nodes ({@link InventoryLoader} reads
 * it from YAML). The provisioner keeps its own state beside the file ({@link #stateFile()}).
 *
 * @param file where it was read from
 * @param institution the institution's name
 * @param overlay the overlay CIDRs
 * @param interfaceName the WireGuard interface on hub and nodes, e.g. {@code wg0}
 * @param hub the hub
 * @param nodes the nodes, names unique
 * @param knownHosts where host keys trusted on first use are recorded
 * @param anonymization the institution's Crypto-PAn key for the nodes' sensors, or null: then
 *     the sensors forward addresses as they are ({@code identity}), and onboarding warns
 */
public record Inventory(Path file, String institution, OverlayNetwork overlay, String interfaceName,
        HubSpec hub, List<NodeSpec> nodes, Path knownHosts, Anonymization anonymization) {

    public Inventory {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(institution, "institution");
        Objects.requireNonNull(overlay, "overlay");
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(hub, "hub");
        nodes = List.copyOf(nodes);
        Objects.requireNonNull(knownHosts, "knownHosts");
    }

    /** An inventory without an anonymization key. */
    public Inventory(Path file, String institution, OverlayNetwork overlay, String interfaceName,
            HubSpec hub, List<NodeSpec> nodes, Path knownHosts) {
        this(file, institution, overlay, interfaceName, hub, nodes, knownHosts, null);
    }

    public Optional<Anonymization> anonymizationKey() {
        return Optional.ofNullable(anonymization);
    }

    public Optional<NodeSpec> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /** {@code FILE.state.json} beside the inventory (without its .yaml/.yml extension). */
    public Path stateFile() {
        String name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        return file.resolveSibling(name + ".state.json");
    }
}
