package org.portscope.provisioner.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.portscope.provisioner.testbed.Host;
import org.portscope.provisioner.testbed.Testbed;

/**
 * An inventory for a testbed's institution, written as an operator would write one: the hub and
 * nodes with their host keys pinned (or trusted on first use), the testbed's client key, overlay
 * 10.77.0.0/24. Used by the demo and by the onboarding tests.
 */
public final class TestbedInventory {

    /** The overlay every testbed institution uses; the hub is its first address. */
    public static final String OVERLAY = "10.77.0.0/24";
    public static final String HUB_OVERLAY_ADDRESS = "10.77.0.1";
    /** The hub service's API and dashboard port (the provisioner's default). */
    public static final int HUB_API_PORT = 8080;

    private TestbedInventory() {
    }

    /**
     * Writes {@code dir/institution.yaml}.
     *
     * @param tofu nodes whose host key is trusted on first use instead of pinned
     * @param sudo nodes reached as the testbed's admin user through sudo instead of as root
     * @param ports each node's listener-mode port ranges, e.g. {@code [20-30, 8080]}
     */
    public static Path write(Path dir, Testbed testbed, List<Host> nodes, List<String> tofu, List<String> sudo,
            String institution, String ports) throws IOException {
        return write(dir, testbed, nodes, tofu, sudo, institution, ports, "", "");
    }

    /**
     * {@link #write(Path, Testbed, List, List, List, String, String)} with more of the hub's keys
     * ({@code hubLines}, each indented two spaces, e.g. {@code "  enrollment-port: 8443\n"}) and
     * more top-level sections ({@code topLevelLines}, e.g. {@code anonymization}).
     */
    public static Path write(Path dir, Testbed testbed, List<Host> nodes, List<String> tofu, List<String> sudo,
            String institution, String ports, String hubLines, String topLevelLines) throws IOException {
        Objects.requireNonNull(testbed, "testbed");
        Host hub = testbed.hub();
        StringBuilder yaml = new StringBuilder("""
                institution: %s
                overlay:
                  ipv4: %s
                hub:
                  ssh:
                    host: %s
                    key: %s
                    host-key: "%s"
                  endpoint: %s:51820
                %sdefaults:
                  ssh:
                    key: %s
                  sensor:
                    interface: eth0
                nodes:
                """.formatted(institution, OVERLAY, hub.address(), testbed.clientKeys().ed25519(), hub.hostKey().openSsh(),
                hub.address(), hubLines, testbed.clientKeys().ed25519()));
        for (Host node : nodes) {
            yaml.append("  - name: ").append(node.name()).append('\n')
                    .append("    ssh:\n")
                    .append("      host: ").append(node.address()).append('\n')
                    .append("      host-key: ")
                    .append(tofu.contains(node.name()) ? "tofu" : "\"" + node.hostKey().fingerprint() + "\"").append('\n');
            if (sudo.contains(node.name())) {
                yaml.append("      user: ").append(Testbed.ADMIN_USER).append("\n      sudo: true\n");
            }
            yaml.append("    ports: ").append(ports).append('\n');
        }
        yaml.append(topLevelLines);
        Path file = dir.resolve("institution.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
