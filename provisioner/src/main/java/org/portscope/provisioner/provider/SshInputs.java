package org.portscope.provisioner.provider;

import java.nio.file.Path;
import java.util.Objects;
import org.portscope.provisioner.onboard.inventory.SshAccess;
import org.portscope.provisioner.ssh.HostKeyPin;
import org.portscope.provisioner.ssh.Privilege;

/**
 * How the provider logs in to a machine, as a resource's {@code ssh} input gives it: the host key
 * is always pinned (a stack names every machine it manages; there is no trust on first use here),
 * and the client key is the provider's ({@code sshPrivateKey}, a secret of its config).
 *
 * @param host DNS name or IP literal
 * @param port SSH port
 * @param user login user
 * @param hostKey the pinned host key
 * @param sudo whether root commands go through sudo (required for a user other than root)
 */
record SshInputs(String host, int port, String user, HostKeyPin hostKey, boolean sudo) {

    SshInputs {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(hostKey, "hostKey");
    }

    /** Reads {@code host}, {@code port}, {@code user}, {@code hostKey}, {@code sudo}; null when incomplete. */
    static SshInputs read(Inputs in) {
        String host = in.string("host", "a DNS name or IP address");
        if (host != null && (host.isEmpty() || host.chars().anyMatch(c -> c <= ' ' || c == '[' || c == ']' || c == '@'))) {
            in.bad("host", host, "a DNS name or IP address (no brackets, spaces or user@)");
            host = null;
        }
        int port = in.integer("port", 22, 1, 65535, "a port 1-65535");
        String user = in.string("user", "root", "a user name");
        if (user != null && !user.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*")) {
            in.bad("user", user, "a plain user name");
            user = null;
        }
        HostKeyPin pin = in.parsed("hostKey", "the machine's host key: a public key line (ssh-ed25519 AAAA...)"
                + " or its SHA256: fingerprint (ssh-keyscan HOST | ssh-keygen -lf -)", HostKeyPin::parse);
        boolean sudo = in.bool("sudo", user != null && !user.equals("root"));
        if (user != null && !user.equals("root") && !sudo) {
            in.bad("sudo", false, "true for a login user other than root (onboarding needs root on the machine)");
        }
        return host == null || user == null || pin == null ? null : new SshInputs(host, port, user, pin, sudo);
    }

    /** The onboarding's access record, with the provider's key file and passphrase variable. */
    SshAccess access(Path key, String passphraseEnv) {
        return new SshAccess(host, port, user, key, passphraseEnv, null, hostKey,
                user.equals("root") ? Privilege.ROOT : Privilege.SUDO);
    }

    /** {@code host:port}: another value means another machine. */
    String machine() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
