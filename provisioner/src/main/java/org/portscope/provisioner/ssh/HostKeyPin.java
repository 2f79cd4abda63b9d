package org.portscope.provisioner.ssh;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node's host key as the inventory pins it: a full OpenSSH public key line, a bare
 * {@code SHA256:...} fingerprint, or a line of {@code ssh-keygen -lf} output
 * ({@code 256 SHA256:... comment (ED25519)}), whose key type then decides which of the node's host
 * keys is asked for. A bare fingerprint is compared with the key the node offers first (Ed25519
 * where it has one, as OpenSSH's own client does).
 *
 * @param fingerprint {@code SHA256:} and 43 unpadded base64 characters
 * @param keyType the key type, e.g. {@code ssh-ed25519}, when the pin tells it
 * @param bits the key size when the pin tells it, else 0
 */
public record HostKeyPin(String fingerprint, Optional<String> keyType, int bits) {

    private static final Pattern FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}");
    private static final Pattern KEYGEN_LINE = Pattern.compile(
            "(\\d+)\\s+(SHA256:[A-Za-z0-9+/]{43})=?(?:\\s.*)?\\s\\(([A-Z0-9-]+)\\)");

    public HostKeyPin {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(keyType, "keyType");
        if (!FINGERPRINT.matcher(fingerprint).matches()) {
            throw new IllegalArgumentException("host key fingerprint must be SHA256: and 43 base64 characters, got '"
                    + fingerprint.replaceAll("\\p{Cntrl}", "?") + "'");
        }
    }

    /** The pin of a known key. */
    public static HostKeyPin of(SshPublicKey key) {
        return new HostKeyPin(key.fingerprint(), Optional.of(key.type()), key.bits());
    }

    /** Parses a public key line, a {@code SHA256:} fingerprint or an {@code ssh-keygen -l} line. */
    public static HostKeyPin parse(String text) {
        String pin = Objects.requireNonNull(text, "text").strip();
        if (pin.startsWith("SHA256:") && pin.indexOf(' ') < 0) {
            return new HostKeyPin(pin.replaceAll("=+$", ""), Optional.empty(), 0);
        }
        Matcher keygen = KEYGEN_LINE.matcher(pin);
        if (keygen.matches()) {
            int bits = Integer.parseInt(keygen.group(1));
            return new HostKeyPin(keygen.group(2), Optional.of(keyType(keygen.group(3), bits, pin)), bits);
        }
        if (pin.startsWith("MD5:") || pin.matches("[0-9a-f]{2}(:[0-9a-f]{2}){15}")) {
            throw new IllegalArgumentException("MD5 host key fingerprints are not accepted, pin the SHA256"
                    + " fingerprint (ssh-keygen -lf KEY.pub) or the public key line instead");
        }
        return of(SshPublicKey.parseLine(pin));
    }

    private static String keyType(String label, int bits, String pin) {
        return switch (label) {
            case "ED25519" -> "ssh-ed25519";
            case "RSA" -> "ssh-rsa";
            case "ECDSA" -> "ecdsa-sha2-nistp" + bits;
            default -> throw new IllegalArgumentException("host key pin '" + pin
                    + "' names key type " + label + "; expected ED25519, ECDSA or RSA");
        };
    }

    public boolean matches(SshPublicKey seen) {
        return fingerprint.equals(seen.fingerprint());
    }

    /** As {@code ssh-keygen -lf} prints it, with as much as the pin tells. */
    public String describe() {
        return keyType.map(type -> bits + " " + fingerprint + " (" + SshPublicKey.label(type) + ")")
                .orElse(fingerprint);
    }
}
