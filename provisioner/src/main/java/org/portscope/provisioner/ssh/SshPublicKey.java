package org.portscope.provisioner.ssh;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A public key in SSH wire format (the base64 field of an OpenSSH key line), with the names and
 * fingerprints {@code ssh-keygen -lf} shows for it.
 */
public final class SshPublicKey {

    private final byte[] blob;
    private final String type;

    public SshPublicKey(byte[] blob) {
        this.blob = Objects.requireNonNull(blob, "blob").clone();
        this.type = new String(field(ByteBuffer.wrap(this.blob), "key type"), StandardCharsets.US_ASCII);
        if (!type.matches("[a-z0-9@.-]{3,64}")) {
            throw new IllegalArgumentException("not an SSH public key: key type '" + type + "'");
        }
    }

    /** Parses {@code TYPE BASE64 [comment]}, as in a {@code .pub} file. */
    public static SshPublicKey parseLine(String line) {
        String[] fields = Objects.requireNonNull(line, "line").trim().split("\\s+");
        String shown = line.length() > 40 ? line.substring(0, 40) + "..." : line;
        if (fields.length < 2) {
            throw new IllegalArgumentException("expected an OpenSSH public key line (TYPE BASE64 [comment]), got '"
                    + shown.replaceAll("\\p{Cntrl}", "?") + "'");
        }
        SshPublicKey key;
        try {
            key = new SshPublicKey(Base64.getDecoder().decode(fields[1]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected an OpenSSH public key line, got '"
                    + shown.replaceAll("\\p{Cntrl}", "?") + "': " + e.getMessage(), e);
        }
        if (!key.type.equals(fields[0])) {
            throw new IllegalArgumentException("public key line says " + fields[0] + " but the key is " + key.type);
        }
        return key;
    }

    /** The key type inside the blob, e.g. {@code ssh-ed25519}, {@code ssh-rsa}. */
    public String type() {
        return type;
    }

    public byte[] blob() {
        return blob.clone();
    }

    /** {@code SHA256:} and the unpadded base64 of the blob's SHA-256, as OpenSSH prints it. */
    public String fingerprint() {
        return fingerprintOf(blob);
    }

    static String fingerprintOf(byte[] blob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** {@code 256 SHA256:... (ED25519)}: {@code ssh-keygen -lf} without the comment. */
    public String describe() {
        return bits() + " " + fingerprint() + " (" + label(type) + ")";
    }

    /** The key size {@code ssh-keygen -l} reports. */
    public int bits() {
        ByteBuffer in = ByteBuffer.wrap(blob);
        field(in, "key type");
        return switch (type) {
            case "ssh-ed25519" -> 256;
            case "ssh-ed448" -> 456;
            case "ecdsa-sha2-nistp256" -> 256;
            case "ecdsa-sha2-nistp384" -> 384;
            case "ecdsa-sha2-nistp521" -> 521;
            case "ssh-rsa" -> {
                field(in, "RSA exponent");
                yield new BigInteger(1, field(in, "RSA modulus")).bitLength();
            }
            case "ssh-dss" -> new BigInteger(1, field(in, "DSA p")).bitLength();
            default -> 0;
        };
    }

    /** The name {@code ssh-keygen -l} puts in parentheses: ED25519, RSA, ECDSA, DSA. */
    static String label(String keyType) {
        return switch (keyType) {
            case "ssh-ed25519" -> "ED25519";
            case "ssh-ed448" -> "ED448";
            case "ssh-rsa" -> "RSA";
            case "ssh-dss" -> "DSA";
            default -> keyType.startsWith("ecdsa-sha2-") ? "ECDSA" : keyType.toUpperCase(java.util.Locale.ROOT);
        };
    }

    /** The host key algorithms that prove possession of a key of this type (never SHA-1 RSA). */
    static String algorithmsFor(String keyType) {
        return "ssh-rsa".equals(keyType) ? "rsa-sha2-512,rsa-sha2-256" : keyType;
    }

    /** {@code TYPE BASE64}, as in a {@code .pub} file or a known_hosts entry. */
    public String toOpenSsh() {
        return type + " " + Base64.getEncoder().encodeToString(blob);
    }

    private static byte[] field(ByteBuffer in, String what) {
        try {
            int length = in.getInt();
            if (length < 0 || length > in.remaining()) {
                throw new IllegalArgumentException("not an SSH public key: " + what + " runs past the end");
            }
            byte[] value = new byte[length];
            in.get(value);
            return value;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("not an SSH public key: no " + what, e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SshPublicKey key && Arrays.equals(blob, key.blob);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(blob);
    }

    @Override
    public String toString() {
        return describe();
    }
}
