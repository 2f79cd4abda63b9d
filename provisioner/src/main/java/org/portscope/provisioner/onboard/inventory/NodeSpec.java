package org.portscope.provisioner.onboard.inventory;

import java.util.List;
import java.util.Objects;
import org.portscope.provisioner.plan.NodeNames;

/**
 * A telescope node as the inventory lists it.
 *
 * @param name unique node name (also its identity on observations)
 * @param ssh how to log in
 * @param ports the ports its sensor watches; empty: every closed port
 * @param sensor sensor settings
 * @param where its inventory path ({@code nodes[2]}), for messages
 */
public record NodeSpec(String name, SshAccess ssh, List<PortRange> ports, SensorSettings sensor, String where) {

    public NodeSpec {
        NodeNames.require(name);
        Objects.requireNonNull(ssh, "ssh");
        ports = List.copyOf(ports);
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(where, "where");
    }
}
