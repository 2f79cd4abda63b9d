package org.portscope.provisioner.ssh;

import java.util.Objects;

/**
 * One node as the provisioner reaches it over SSH.
 *
 * @param host DNS name or IP literal (IPv6 without brackets)
 * @param port the SSH port, 1-65535
 * @param user the login user
 * @param auth the client key
 * @param hostKeys how the node's host key is verified
 * @param privilege how root commands are run ({@link Privilege#ROOT} when {@code user} is root)
 */
public record SshTarget(String host, int port, String user, SshAuth auth, HostKeyPolicy hostKeys,
        Privilege privilege) {

    public SshTarget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(hostKeys, "hostKeys");
        Objects.requireNonNull(privilege, "privilege");
        if (host.isBlank() || host.chars().anyMatch(c -> c <= ' ' || c == '[' || c == ']' || c == '@')) {
            throw new IllegalArgumentException("ssh host must be a DNS name or an IP address without"
                    + " brackets, got '" + host.replaceAll("\\p{Cntrl}", "?") + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("ssh port of " + host + " must be 1-65535, got " + port);
        }
        if (!user.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException("ssh user of " + host + " must be a plain user name, got '"
                    + user.replaceAll("\\p{Cntrl}", "?") + "'");
        }
        if ("root".equals(user) && privilege == Privilege.SUDO) {
            privilege = Privilege.ROOT; // root needs no sudo, and minimal hosts may not have it
        }
    }

    /** A target reached as root. */
    public static SshTarget root(String host, int port, SshAuth auth, HostKeyPolicy hostKeys) {
        return new SshTarget(host, port, "root", auth, hostKeys, Privilege.ROOT);
    }

    /** {@code host:port}, with brackets around an IPv6 literal. */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** {@code user@host:port}, how messages name the node. */
    public String describe() {
        return user + "@" + address();
    }
}
