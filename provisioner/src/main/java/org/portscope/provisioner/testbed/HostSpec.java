package org.portscope.provisioner.testbed;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One emulated host to build.
 *
 * @param name the host's name: its hostname inside, and part of its namespace name; lower case
 *     letters, digits and '-', starting with a letter, at most 31 characters
 * @param role what the host plays in the institution
 * @param sshd whether it runs an OpenSSH server (the hub and nodes need one for onboarding)
 * @param rsaHostKey whether its sshd also has an RSA host key (besides Ed25519)
 * @param adminUser whether it has the non-root user {@link Testbed#ADMIN_USER} with passwordless
 *     sudo, who logs in with the testbed's client keys
 */
public record HostSpec(String name, Role role, boolean sshd, boolean rsaHostKey, boolean adminUser) {

    /** What a host plays. */
    public enum Role {
        /** The WireGuard hub of the overlay. At most one per testbed. */
        HUB,
        /** A telescope node, to be onboarded. */
        NODE,
        /** Anything else on the underlay, e.g. a scanner outside the overlay. */
        PLAIN
    }

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,30}");

    public HostSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("host name must be lower case letters, digits and '-',"
                    + " starting with a letter, at most 31 characters, got '" + name + "'");
        }
        if (name.equals(Testbed.SWITCH)) {
            throw new IllegalArgumentException("host name '" + name + "' is reserved for the testbed's switch");
        }
        if (!sshd && (rsaHostKey || adminUser)) {
            throw new IllegalArgumentException("host " + name + ": an RSA host key or an admin user needs sshd");
        }
    }

    /** The hub, named {@code hub}, with sshd and the admin user. */
    public static HostSpec hub() {
        return new HostSpec("hub", Role.HUB, true, false, true);
    }

    /** A node with sshd and the admin user. */
    public static HostSpec node(String name) {
        return new HostSpec(name, Role.NODE, true, false, true);
    }

    /** A host without sshd, e.g. an attacker outside the overlay. */
    public static HostSpec plain(String name) {
        return new HostSpec(name, Role.PLAIN, false, false, false);
    }

    /** This host with an OpenSSH server (host key Ed25519). */
    public HostSpec withSshd() {
        return new HostSpec(name, role, true, rsaHostKey, adminUser);
    }

    /** This host with an RSA host key too (costs about a second of CPU for the key). */
    public HostSpec withRsaHostKey() {
        return new HostSpec(name, role, true, true, adminUser);
    }

    /** This host with or without the non-root admin user. */
    public HostSpec withAdminUser(boolean wanted) {
        return new HostSpec(name, role, sshd || wanted, rsaHostKey, wanted);
    }
}
