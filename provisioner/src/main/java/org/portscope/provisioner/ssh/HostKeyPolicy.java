package org.portscope.provisioner.ssh;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a node's host key is trusted. There is deliberately no "accept anything": a node is either
 * pinned by the inventory, or trusted on first use and held to that key afterwards.
 */
public sealed interface HostKeyPolicy {

    /** The node must present exactly this key. */
    record Pinned(HostKeyPin pin) implements HostKeyPolicy {
        public Pinned {
            Objects.requireNonNull(pin, "pin");
        }
    }

    /**
     * The first key a node presents is recorded in {@code knownHosts} (OpenSSH format,
     * {@code [host]:port} for ports other than 22) and required from then on.
     */
    record TrustOnFirstUse(KnownHosts knownHosts) implements HostKeyPolicy {
        public TrustOnFirstUse {
            Objects.requireNonNull(knownHosts, "knownHosts");
        }
    }

    /** Pins a public key line, a {@code SHA256:} fingerprint or an {@code ssh-keygen -l} line. */
    static HostKeyPolicy pinned(String pin) {
        return new Pinned(HostKeyPin.parse(pin));
    }

    static HostKeyPolicy trustOnFirstUse(Path knownHostsFile) {
        return new TrustOnFirstUse(KnownHosts.at(knownHostsFile));
    }

    /** Trust on first use, recorded in the provisioner's own {@code ~/.portscope/known_hosts}. */
    static HostKeyPolicy trustOnFirstUse() {
        return trustOnFirstUse(Path.of(System.getProperty("user.home"), ".portscope", "known_hosts"));
    }
}
