package org.portscope.provisioner.testbed;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The client keys every sshd of a testbed authorizes, for root and for the admin user. Private
 * key files are OpenSSH format, mode 0600, in a folder only root can enter.
 *
 * @param ed25519 an Ed25519 key without passphrase
 * @param ed25519Encrypted an Ed25519 key protected by {@code passphrase}
 * @param passphrase the passphrase of {@code ed25519Encrypted}; {@link #toString()} hides it
 * @param rsa an RSA key without passphrase, when the spec asked for one, else {@code null}
 */
public record ClientKeys(Path ed25519, Path ed25519Encrypted, String passphrase, Path rsa) {

    public ClientKeys {
        Objects.requireNonNull(ed25519, "ed25519");
        Objects.requireNonNull(ed25519Encrypted, "ed25519Encrypted");
        Objects.requireNonNull(passphrase, "passphrase");
    }

    /** The RSA key, if the spec asked for one. */
    public Optional<Path> rsaIfAny() {
        return Optional.ofNullable(rsa);
    }

    @Override
    public String toString() {
        return "ClientKeys[ed25519=" + ed25519 + ", ed25519Encrypted=" + ed25519Encrypted
                + ", passphrase=***, rsa=" + rsa + "]";
    }
}
