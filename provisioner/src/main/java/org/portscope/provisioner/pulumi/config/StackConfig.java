package org.portscope.provisioner.pulumi.config;

import java.util.List;
import java.util.Objects;

/**
 * An institution's stack config ({@code stacks/Pulumi.<stack>.yaml}), read and checked by
 * {@link StackConfigReader}. The three secrets are held as plain strings here and become Pulumi
 * secrets where the program hands them to resources; {@link #toString()} never shows them.
 *
 * @param institution the institution's name
 * @param overlay the overlay's CIDRs and interface
 * @param hub the hub
 * @param nodes the nodes, names unique
 * @param enrollment the enrollment tokens to make
 * @param sshPrivateKey the OpenSSH private key the provider logs in with (secret)
 * @param sshKeyPassphrase its passphrase (secret), or null
 * @param anonymizationKey the institution's Crypto-PAn key, 64 hex digits (secret)
 * @param anonymizationKeyId the id observations anonymized with it carry (default: the institution's name)
 * @param bundle the sensor bundle folder to install, or null for the provider's default
 * @param hubJar the hub service's jar to install, or null for the provider's default
 */
public record StackConfig(String institution, Overlay overlay, Hub hub, List<Node> nodes, Enrollment enrollment,
        String sshPrivateKey, String sshKeyPassphrase, String anonymizationKey, String anonymizationKeyId, String bundle,
        String hubJar) {

    public StackConfig {
        Objects.requireNonNull(institution, "institution");
        Objects.requireNonNull(overlay, "overlay");
        Objects.requireNonNull(hub, "hub");
        nodes = List.copyOf(nodes);
        Objects.requireNonNull(enrollment, "enrollment");
        Objects.requireNonNull(sshPrivateKey, "sshPrivateKey");
        Objects.requireNonNull(anonymizationKey, "anonymizationKey");
        Objects.requireNonNull(anonymizationKeyId, "anonymizationKeyId");
    }

    /** @param ipv6 null for an IPv4-only overlay */
    public record Overlay(String ipv4, String ipv6, String interfaceName) {
        public Overlay {
            Objects.requireNonNull(ipv4, "ipv4");
            Objects.requireNonNull(interfaceName, "interfaceName");
        }
    }

    /** @param hostKey the machine's pinned host key (public key line or SHA256 fingerprint) */
    public record Ssh(String host, int port, String user, String hostKey, boolean sudo) {
        public Ssh {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(hostKey, "hostKey");
        }
    }

    /**
     * @param endpoint host:port where nodes reach the hub
     * @param enrollmentPort the TCP port of the hub's enrollment API (zero-touch enrollment), or 0
     */
    public record Hub(Ssh ssh, String endpoint, int listenPort, int enrollmentPort) {
        public Hub {
            Objects.requireNonNull(ssh, "ssh");
            Objects.requireNonNull(endpoint, "endpoint");
        }

        /** A hub without the enrollment API. */
        public Hub(Ssh ssh, String endpoint, int listenPort) {
            this(ssh, endpoint, listenPort, 0);
        }
    }

    public record Sensor(String captureInterface, List<String> plugins, int metricsPort) {
        public Sensor {
            Objects.requireNonNull(captureInterface, "captureInterface");
            plugins = List.copyOf(plugins);
        }
    }

    /** @param ports port ranges such as {@code 20-30} or {@code 8080}; empty: every closed port */
    public record Node(String name, Ssh ssh, List<String> ports, Sensor sensor) {
        public Node {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(ssh, "ssh");
            ports = List.copyOf(ports);
            Objects.requireNonNull(sensor, "sensor");
        }
    }

    /**
     * @param tokens how many tokens to make (0: none)
     * @param uses enrollments each allows
     * @param ttl how long each is valid, e.g. {@code 7d}
     */
    public record Enrollment(int tokens, int uses, String ttl) {
        public Enrollment {
            Objects.requireNonNull(ttl, "ttl");
        }
    }

    @Override
    public String toString() {
        return "StackConfig[institution=" + institution + ", overlay=" + overlay + ", hub=" + hub + ", nodes=" + nodes
                + ", enrollment=" + enrollment + ", sshPrivateKey=[secret], sshKeyPassphrase="
                + (sshKeyPassphrase == null ? "none" : "[secret]") + ", anonymizationKey=[secret], anonymizationKeyId="
                + anonymizationKeyId + ", bundle=" + bundle + ", hubJar=" + hubJar + "]";
    }
}
