package org.portscope.provisioner.wireguard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WgPrivateKeyTest {

    // RFC 7748 §6.1.
    static final String ALICE_PRIVATE = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
    static final String ALICE_PUBLIC = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
    static final String BOB_PRIVATE = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
    static final String BOB_PUBLIC = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
    static final String SHARED = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";

    private static final HexFormat HEX = HexFormat.of();

    private static String b64(String hex) {
        return Base64.getEncoder().encodeToString(HEX.parseHex(hex));
    }

    @Test
    void rfc7748PublicKeys() {
        assertEquals(b64(ALICE_PUBLIC), WgPrivateKey.parse(b64(ALICE_PRIVATE)).publicKey().base64());
        assertEquals(b64(BOB_PUBLIC), WgPrivateKey.parse(b64(BOB_PRIVATE)).publicKey().base64());
        // The same vector as wg(8) takes it, checked with wg pubkey on this machine.
        assertEquals("hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo=",
                WgPrivateKey.parse("dwdtCnMYpX08FsFyUbJmRd9ML4frwJkqsXf7pR25LCo=").publicKey().base64());
    }

    @Test
    void rfc7748SharedSecretBothWays() {
        byte[] fromAlice = X25519.agree(HEX.parseHex(ALICE_PRIVATE), HEX.parseHex(BOB_PUBLIC));
        byte[] fromBob = X25519.agree(HEX.parseHex(BOB_PRIVATE), HEX.parseHex(ALICE_PUBLIC));
        assertEquals(SHARED, HEX.formatHex(fromAlice));
        assertEquals(SHARED, HEX.formatHex(fromBob));
    }

    @Test
    void rfc7748Section52ScalarTimesPoint() {
        byte[] out = X25519.agree(
                HEX.parseHex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4"),
                HEX.parseHex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c"));
        assertEquals("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552",
                HEX.formatHex(out));
    }

    @Test
    void generatedKeysAreClampedLikeWgGenkey() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 50; i++) {
            byte[] scalar = Base64.getDecoder().decode(WgPrivateKey.generate(random).toBase64());
            assertEquals(32, scalar.length);
            assertEquals(0, scalar[0] & 7, "low three bits cleared");
            assertEquals(0, scalar[31] & 0x80, "top bit cleared");
            assertEquals(0x40, scalar[31] & 0x40, "second-highest bit set");
        }
    }

    @Test
    void publicKeyAgreesWithTheJdkKeyPairGenerator() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("X25519");
        for (int i = 0; i < 20; i++) {
            KeyPair pair = generator.generateKeyPair();
            byte[] scalar = ((XECPrivateKey) pair.getPrivate()).getScalar().orElseThrow();
            // The JDK gives u big-endian; WireGuard writes it little-endian, 32 bytes.
            byte[] big = ((XECPublicKey) pair.getPublic()).getU().toByteArray();
            byte[] little = new byte[32];
            for (int j = 0; j < Math.min(32, big.length); j++) {
                little[j] = big[big.length - 1 - j];
            }
            WgPrivateKey key = WgPrivateKey.parse(Base64.getEncoder().encodeToString(scalar));
            assertEquals(Base64.getEncoder().encodeToString(little), key.publicKey().base64());
            // Clamping does not change the public key (X25519 clamps anyway).
            assertEquals(key.publicKey(), WgPrivateKey.parse(Base64.getEncoder()
                    .encodeToString(X25519.clamp(scalar))).publicKey());
        }
    }

    @Test
    void keysAreDistinctAndRoundTrip() {
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            WgPrivateKey key = WgPrivateKey.generate(random);
            assertTrue(seen.add(key.toBase64()));
            assertEquals(key, WgPrivateKey.parse(key.toBase64()));
            assertEquals(key.publicKey(), WgPublicKey.parse(key.publicKey().base64() + "\n"));
        }
    }

    @Test
    void toStringNeverShowsTheSecret() {
        WgPrivateKey key = WgPrivateKey.generate(new SecureRandom());
        String secret = key.toBase64();
        assertFalse(key.toString().contains(secret));
        assertFalse(key.toString().contains(secret.substring(0, 8)));
        assertTrue(key.toString().contains(key.publicKey().base64()), "the public key helps debugging");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "dwdtCnMYpX08FsFyUbJmRd9ML4frwJkqsXf7pR25LCo",      // no padding
        "dwdtCnMYpX08FsFyUbJmRd9ML4frwJkqsXf7pR25LCo==",    // too long
        "dwdtCnMYpX08FsFyUbJmRd9ML4frwJkqsXf7pR25LC!=",     // not base64
        "dwdtCnMYpX08FsFyUbJmRd9ML4frwJkqsXf7pR25LCp=",     // padding bits set: wg refuses it
        "dwdtCnMYpX08FsFyUbJmRd9ML4frwJkqsXf7pR25LC==",     // 31 bytes
        "dwdtCnMYpX08FsFyUbJmRd9M 4frwJkqsXf7pR25LCo=",     // inner space
    })
    void malformedKeysAreRefusedWithoutEchoingThem(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WgPrivateKey.parse(text));
        assertTrue(e.getMessage().startsWith("not a WireGuard private key"), e.getMessage());
        assertTrue(e.getMessage().contains("expected 44 characters"), e.getMessage());
        if (text.length() > 4) {
            assertFalse(e.getMessage().contains(text.substring(0, 10)), e.getMessage());
        }
    }

    @Test
    void publicKeyRecordValidates() {
        assertThrows(IllegalArgumentException.class, () -> new WgPublicKey("abc"));
        assertThrows(NullPointerException.class, () -> new WgPublicKey(null));
    }

    @Test
    void presharedKeysAreRandom32BytesAndSecret() {
        SecureRandom random = new SecureRandom();
        WgPresharedKey a = WgPresharedKey.generate(random);
        WgPresharedKey b = WgPresharedKey.generate(random);
        assertNotEquals(a, b);
        assertEquals(32, Base64.getDecoder().decode(a.toBase64()).length);
        assertEquals(a, WgPresharedKey.parse(a.toBase64()));
        assertFalse(a.toString().contains(a.toBase64()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WgPresharedKey.parse("short"));
        assertTrue(e.getMessage().contains("preshared"), e.getMessage());
        // Not clamped: over many keys, every bit position takes both values.
        BigInteger ones = BigInteger.ZERO;
        BigInteger zeros = BigInteger.ZERO;
        for (int i = 0; i < 200; i++) {
            BigInteger v = new BigInteger(1, Base64.getDecoder().decode(WgPresharedKey.generate(random).toBase64()));
            ones = ones.or(v);
            zeros = zeros.or(v.not().and(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)));
        }
        assertEquals(256, ones.bitCount());
        assertEquals(256, zeros.bitCount());
    }

    @Test
    void x25519InputsAreNotModified() {
        byte[] scalar = HEX.parseHex(ALICE_PRIVATE);
        X25519.publicKey(scalar);
        assertArrayEquals(HEX.parseHex(ALICE_PRIVATE), scalar);
    }
}
