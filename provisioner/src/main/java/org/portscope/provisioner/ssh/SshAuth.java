package org.portscope.provisioner.ssh;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The client key a node is logged into with: an OpenSSH private key file (Ed25519, ECDSA or RSA)
 * and, when the file is encrypted, its passphrase. {@link #toString()} never shows the passphrase.
 *
 * @param privateKey the private key file (its public half need not be beside it)
 * @param passphrase the key's passphrase, or {@code null} for an unencrypted key
 */
public record SshAuth(Path privateKey, String passphrase) {

    public SshAuth {
        Objects.requireNonNull(privateKey, "privateKey");
    }

    public static SshAuth key(Path privateKey) {
        return new SshAuth(privateKey, null);
    }

    public Optional<String> passphraseIfAny() {
        return Optional.ofNullable(passphrase);
    }

    @Override
    public String toString() {
        return "SshAuth[privateKey=" + privateKey + (passphrase == null ? "" : ", passphrase=***") + "]";
    }
}
