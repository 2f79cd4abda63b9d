package org.portscope.provisioner.onboard.inventory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.portscope.provisioner.ssh.HostKeyPin;
import org.portscope.provisioner.ssh.HostKeyPolicy;
import org.portscope.provisioner.ssh.KnownHosts;
import org.portscope.provisioner.ssh.Privilege;
import org.portscope.provisioner.ssh.SshAuth;
import org.portscope.provisioner.ssh.SshTarget;

/**
 * How the provisioner logs in to a machine. The passphrase itself is never held here: only where
 * to read it (an environment variable or a file), when a connection needs it.
 *
 * @param host DNS name or IP literal
 * @param port SSH port
 * @param user login user
 * @param key the client's private key file
 * @param passphraseEnv environment variable holding the key's passphrase, or null
 * @param passphraseFile file holding the key's passphrase (first line), or null
 * @param hostKey the pinned host key (public key line or SHA256 fingerprint), or null for
 *     trust on first use
 * @param privilege root login or sudo
 */
public record SshAccess(String host, int port, String user, Path key, String passphraseEnv,
        Path passphraseFile, HostKeyPin hostKey, Privilege privilege) {

    public SshAccess {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(privilege, "privilege");
        if (passphraseEnv != null && passphraseFile != null) {
            throw new IllegalArgumentException("give the passphrase by environment or by file, not both");
        }
    }

    /**
     * The SSH layer's target, reading the passphrase now.
     *
     * @param knownHosts where trust-on-first-use keys are recorded
     * @param env the environment to read {@code passphraseEnv} from
     * @param where the inventory path of this access, for messages (e.g. {@code nodes[1].ssh})
     */
    public SshTarget target(Path knownHosts, Map<String, String> env, String where) {
        HostKeyPolicy policy = hostKey != null ? new HostKeyPolicy.Pinned(hostKey)
                : new HostKeyPolicy.TrustOnFirstUse(KnownHosts.at(knownHosts));
        return new SshTarget(host, port, user, new SshAuth(key, passphrase(env, where)), policy, privilege);
    }

    private String passphrase(Map<String, String> env, String where) {
        if (passphraseEnv != null) {
            String value = env.get(passphraseEnv);
            if (value == null) {
                throw new InventoryException(where + ".passphrase-env: the environment variable "
                        + passphraseEnv + " is not set");
            }
            return value;
        }
        if (passphraseFile != null) {
            try {
                return Files.readAllLines(passphraseFile, StandardCharsets.UTF_8).stream().findFirst().orElse("");
            } catch (IOException e) {
                throw new InventoryException(where + ".passphrase-file: cannot read " + passphraseFile
                        + ": " + e.getMessage(), e);
            }
        }
        return null;
    }

    /** {@code user@host:port}. */
    public String describe() {
        return user + "@" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
