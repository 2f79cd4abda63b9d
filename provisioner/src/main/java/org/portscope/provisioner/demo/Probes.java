package org.portscope.provisioner.demo;

import java.util.List;
import java.util.Objects;

/**
 * One burst of traffic the demo sends at a node from its attacker host, and what the telescope
 * must make of it.
 *
 * @param label what it is, for progress lines
 * @param tool the tool the sensor must name ({@code unknown} for backscatter)
 * @param kind the traffic kind the sensor must name ({@code probe} or {@code backscatter})
 * @param count how many observations it makes at the node: one per packet sent
 * @param command the command run on the attacker host
 */
record Probes(String label, String tool, String kind, int count, List<String> command) {

    Probes {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(kind, "kind");
        command = List.copyOf(command);
        if (count <= 0) {
            throw new IllegalArgumentException("a burst sends at least one packet, got " + count);
        }
    }
}
