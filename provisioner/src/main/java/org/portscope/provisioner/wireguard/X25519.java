package org.portscope.provisioner.wireguard;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.XECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import javax.crypto.KeyAgreement;

/**
 * Curve25519 through the JDK's "X25519" provider, in WireGuard's byte conventions: 32-byte
 * little-endian scalars and u-coordinates. Nothing here is hand-rolled field arithmetic.
 */
final class X25519 {

    private static final String ALGORITHM = "X25519";
    /** The base point, u = 9 (RFC 7748 §4.1): X25519(k, 9) is the public key of k. */
    private static final BigInteger BASE_POINT_U = BigInteger.valueOf(9);

    private X25519() {
    }

    /** A fresh private scalar from the JDK's generator, clamped the way {@code wg genkey} does. */
    static byte[] generatePrivate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(NamedParameterSpec.X25519, random);
            XECPrivateKey key = (XECPrivateKey) generator.generateKeyPair().getPrivate();
            byte[] scalar = key.getScalar()
                    .orElseThrow(() -> new IllegalStateException("X25519 key without a scalar"));
            return clamp(scalar);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no X25519 (needs Java 11 or newer)", e);
        }
    }

    /** Public key (little-endian u-coordinate) of a private scalar, as {@code wg pubkey}. */
    static byte[] publicKey(byte[] privateScalar) {
        return agree(privateScalar, BASE_POINT_U);
    }

    /** X25519(k, u) with u given little-endian, as in RFC 7748's test vectors. */
    static byte[] agree(byte[] privateScalar, byte[] peerPublicLittleEndian) {
        return agree(privateScalar, new BigInteger(1, reverse(peerPublicLittleEndian)));
    }

    /** wg genkey's clamping (RFC 7748 §5 decodeScalar25519), on a copy. */
    static byte[] clamp(byte[] scalar) {
        byte[] clamped = Arrays.copyOf(scalar, KeyCodec.KEY_BYTES);
        clamped[0] &= (byte) 248;
        clamped[31] &= 127;
        clamped[31] |= 64;
        return clamped;
    }

    private static byte[] agree(byte[] privateScalar, BigInteger peerU) {
        try {
            KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
            PrivateKey priv = factory.generatePrivate(
                    new XECPrivateKeySpec(NamedParameterSpec.X25519, privateScalar.clone()));
            PublicKey peer = factory.generatePublic(
                    new XECPublicKeySpec(NamedParameterSpec.X25519, peerU));
            KeyAgreement agreement = KeyAgreement.getInstance(ALGORITHM);
            agreement.init(priv);
            agreement.doPhase(peer, true);
            // The shared secret comes out as RFC 7748 bytes: already little-endian.
            return agreement.generateSecret();
        } catch (GeneralSecurityException e) {
            // Never wrap the key material into the message.
            throw new IllegalStateException("X25519 failed: " + e.getClass().getSimpleName());
        }
    }

    private static byte[] reverse(byte[] bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[bytes.length - 1 - i];
        }
        return out;
    }
}
