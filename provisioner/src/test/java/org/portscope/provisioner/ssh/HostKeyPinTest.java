package org.portscope.provisioner.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostKeyPinTest {

    private final SshPublicKey ed25519 = SshPublicKey.parseLine(TestVectors.ED25519);
    private final SshPublicKey rsa = SshPublicKey.parseLine(TestVectors.RSA);

    @Test
    void pinsAPublicKeyLine() {
        HostKeyPin pin = HostKeyPin.parse(TestVectors.ED25519);
        assertTrue(pin.matches(ed25519));
        assertFalse(pin.matches(rsa));
        assertEquals(Optional.of("ssh-ed25519"), pin.keyType());
        assertEquals("256 SHA256:yxtgGs0bobRDF5ho8fK1RWc6zl/QJ+udnVOgdM3y2yw (ED25519)", pin.describe());
    }

    @Test
    void pinsABareFingerprintWithOrWithoutPadding() {
        HostKeyPin pin = HostKeyPin.parse("  SHA256:vMoaAjnt0pTho1W9fuqHqrPuqNqrC+GUHS/exuf5UqU=\n");
        assertTrue(pin.matches(rsa));
        assertEquals(Optional.empty(), pin.keyType());
        assertEquals("SHA256:vMoaAjnt0pTho1W9fuqHqrPuqNqrC+GUHS/exuf5UqU", pin.describe());
    }

    @Test
    void pinsSshKeygenOutputAndTakesTheKeyTypeFromIt() {
        assertEquals(Optional.of("ssh-rsa"), HostKeyPin.parse(TestVectors.RSA_KEYGEN).keyType());
        assertTrue(HostKeyPin.parse(TestVectors.RSA_KEYGEN).matches(rsa));
        assertEquals(Optional.of("ecdsa-sha2-nistp384"), HostKeyPin.parse(TestVectors.ECDSA_KEYGEN).keyType());
        HostKeyPin noComment = HostKeyPin.parse("256 SHA256:yxtgGs0bobRDF5ho8fK1RWc6zl/QJ+udnVOgdM3y2yw (ED25519)");
        assertTrue(noComment.matches(ed25519));
        assertEquals("256 SHA256:yxtgGs0bobRDF5ho8fK1RWc6zl/QJ+udnVOgdM3y2yw (ED25519)", noComment.describe());
    }

    @Test
    void refusesMd5AndMalformedFingerprints() {
        IllegalArgumentException md5 = assertThrows(IllegalArgumentException.class,
                () -> HostKeyPin.parse("MD5:3b:1f:aa:00:11:22:33:44:55:66:77:88:99:aa:bb:cc"));
        assertTrue(md5.getMessage().contains("MD5 host key fingerprints are not accepted"), md5.getMessage());
        IllegalArgumentException shortOne = assertThrows(IllegalArgumentException.class,
                () -> HostKeyPin.parse("SHA256:tooShort"));
        assertTrue(shortOne.getMessage().contains("SHA256: and 43 base64 characters, got 'SHA256:tooShort'"),
                shortOne.getMessage());
    }
}
