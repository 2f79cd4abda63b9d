package org.portscope.provisioner.wireguard;

import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * A WireGuard private key (a Curve25519 scalar). It is made on the machine it belongs to and
 * never leaves it: {@link #toString()} never shows it, and only {@link #toBase64()} gives it out,
 * for the key file ({@link KeyFiles}) or stdout of {@code portscope wg genkey}.
 */
public final class WgPrivateKey {

    private final byte[] scalar;

    private WgPrivateKey(byte[] scalar) {
        this.scalar = scalar;
    }

    /** A new key, clamped like {@code wg genkey}'s output. */
    public static WgPrivateKey generate(SecureRandom random) {
        return new WgPrivateKey(X25519.generatePrivate(random));
    }

    /**
     * Reads {@code wg genkey}'s format. Like {@code wg pubkey}, an unclamped key is accepted
     * (X25519 clamps when it uses the key) and kept as given.
     *
     * @throws IllegalArgumentException naming the problem; the message never contains the text
     */
    public static WgPrivateKey parse(String base64) {
        return new WgPrivateKey(KeyCodec.decode(base64, "WireGuard private key"));
    }

    /** The public key, exactly as {@code wg pubkey} prints it for this key. */
    public WgPublicKey publicKey() {
        return WgPublicKey.of(X25519.publicKey(scalar));
    }

    /** The secret in {@code wg genkey}'s format. Callers must not log it. */
    public String toBase64() {
        return KeyCodec.encode(scalar);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WgPrivateKey that && MessageDigest.isEqual(scalar, that.scalar);
    }

    @Override
    public int hashCode() {
        // Deliberately constant-ish: a hash of the secret would leak bits through HashMap timing.
        return WgPrivateKey.class.hashCode();
    }

    @Override
    public String toString() {
        return "WgPrivateKey[redacted, public " + publicKey() + "]";
    }
}
