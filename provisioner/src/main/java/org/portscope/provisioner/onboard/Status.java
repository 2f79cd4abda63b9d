package org.portscope.provisioner.onboard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.portscope.provisioner.onboard.converge.Progress;
import org.portscope.provisioner.onboard.converge.TargetReport;
import org.portscope.provisioner.onboard.hub.Hub;
import org.portscope.provisioner.onboard.hub.HubReadings;
import org.portscope.provisioner.onboard.inventory.SensorSettings;
import org.portscope.provisioner.onboard.state.NodeRecord;
import org.portscope.provisioner.plan.IpLiterals;
import org.portscope.provisioner.plan.PeerAddresses;

/**
 * {@code portscope status}: each node's handshake age and sensor health, as the hub sees them;
 * nodes onboarded over SSH and nodes that enrolled themselves alike.
 */
public final class Status {

    private Status() {
    }

    /**
     * One node's status.
     *
     * @param node its name
     * @param address its overlay IPv4 address
     * @param handshakeAge seconds since the hub's latest handshake with it, -1 when never
     * @param healthy whether its /healthz answered ok over the overlay
     * @param health what /healthz answered (or why it did not)
     */
    public record NodeStatus(String node, String address, long handshakeAge, boolean healthy, String health) {
    }

    /** @throws IllegalStateException when the hub cannot be reached, with the hub's failure */
    public static List<NodeStatus> read(OnboardContext context) {
        try (Hub hub = new Hub(context)) {
            TargetReport connected = hub.connectOnly(Progress.NONE);
            if (!connected.ok()) {
                throw new IllegalStateException(connected.failure().getMessage(), connected.failure());
            }
            Map<String, NodeRecord> nodes = new LinkedHashMap<>();
            context.state().nodes().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .filter(e -> e.getValue().publicKey() != null).forEach(e -> nodes.put(e.getKey(), e.getValue()));
            // Nodes that enrolled themselves are read the same way: their sensors listen on the default port.
            hub.enrolledPeers().forEach((name, peer) -> nodes.putIfAbsent(name, new NodeRecord(
                    new PeerAddresses(peer.allowedIps().get(0).network(), null), peer.presharedKey(), peer.publicKey(), null,
                    SensorSettings.DEFAULT_METRICS_PORT)));
            HubReadings readings = hub.read(nodes);
            List<NodeStatus> out = new ArrayList<>();
            nodes.forEach((name, node) -> out.add(new NodeStatus(name, IpLiterals.format(node.addresses().ipv4()),
                    readings.handshakeAge(node.publicKey().base64()), readings.healthy(name),
                    readings.health().getOrDefault(name, ""))));
            return out;
        }
    }
}
