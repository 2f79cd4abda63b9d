package org.portscope.provisioner.wireguard;

import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * A WireGuard preshared key: 32 random bytes shared by the two ends of one tunnel, mixed into the
 * handshake (post-quantum hedge). It is a secret: {@link #toString()} never shows it; only
 * {@link #toBase64()} does, for a config file or a Pulumi secret.
 */
public final class WgPresharedKey {

    private final byte[] key;

    private WgPresharedKey(byte[] key) {
        this.key = key;
    }

    /** 32 random bytes, like {@code wg genpsk}. */
    public static WgPresharedKey generate(SecureRandom random) {
        byte[] key = new byte[KeyCodec.KEY_BYTES];
        random.nextBytes(key);
        return new WgPresharedKey(key);
    }

    /**
     * Reads {@code wg genpsk}'s format.
     *
     * @throws IllegalArgumentException naming the problem; the message never contains the text
     */
    public static WgPresharedKey parse(String base64) {
        return new WgPresharedKey(KeyCodec.decode(base64, "WireGuard preshared key"));
    }

    /** The secret in {@code wg genpsk}'s format. Callers must not log it. */
    public String toBase64() {
        return KeyCodec.encode(key);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WgPresharedKey that && MessageDigest.isEqual(key, that.key);
    }

    @Override
    public int hashCode() {
        return WgPresharedKey.class.hashCode();
    }

    @Override
    public String toString() {
        return "WgPresharedKey[redacted]";
    }
}
