package org.portscope.provisioner.testbed;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;

/**
 * An sshd host public key as OpenSSH writes it in a {@code .pub} file.
 *
 * @param type the key type, e.g. {@code ssh-ed25519}, {@code ssh-rsa}
 * @param base64 the key blob in base64
 */
public record HostKey(String type, String base64) {

    public HostKey {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(base64, "base64");
        if (!type.matches("[a-z0-9@.-]+")) {
            throw new IllegalArgumentException("not an SSH key type: '" + type + "'");
        }
        Base64.getDecoder().decode(base64); // throws IllegalArgumentException when it is not base64
    }

    /** Parses a {@code .pub} line: {@code TYPE BASE64 [comment]}. */
    public static HostKey parse(String line) {
        String[] fields = line.strip().split("\\s+");
        if (fields.length < 2) {
            throw new IllegalArgumentException("expected an OpenSSH public key line (TYPE BASE64 [comment]),"
                    + " got '" + line.strip() + "'");
        }
        return new HostKey(fields[0], fields[1]);
    }

    /** {@code TYPE BASE64}: a {@code .pub} line without the comment. */
    public String openSsh() {
        return type + " " + base64;
    }

    /** {@code SHA256:...}, the fingerprint {@code ssh-keygen -lf} prints. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(base64));
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** A {@code known_hosts} line for this key at an address (brackets only for a port other than 22). */
    public String knownHostsLine(String address, int port) {
        return (port == 22 ? address : "[" + address + "]:" + port) + " " + openSsh();
    }
}
