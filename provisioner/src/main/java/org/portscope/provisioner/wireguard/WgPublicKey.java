package org.portscope.provisioner.wireguard;

import java.util.Objects;

/**
 * A WireGuard public key in its canonical base64 form (what {@code wg pubkey} prints and what a
 * {@code [Peer] PublicKey =} line holds). Public keys are not secret: they name peers in configs,
 * stack state and logs.
 *
 * @param base64 44 characters, base64 of 32 bytes
 */
public record WgPublicKey(String base64) {

    public WgPublicKey {
        Objects.requireNonNull(base64, "base64");
        KeyCodec.decode(base64, "WireGuard public key");
    }

    /** Parses {@code wg pubkey}'s output (surrounding whitespace allowed). */
    public static WgPublicKey parse(String text) {
        return new WgPublicKey(Objects.requireNonNull(text, "text").strip());
    }

    static WgPublicKey of(byte[] littleEndianU) {
        return new WgPublicKey(KeyCodec.encode(littleEndianU));
    }

    @Override
    public String toString() {
        return base64;
    }
}
