package org.portscope.provisioner.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SshPublicKeyTest {

    /** ssh-keygen's line without its comment. */
    private static String withoutComment(String keygen) {
        String[] fields = keygen.split(" ");
        return fields[0] + " " + fields[1] + " " + fields[fields.length - 1];
    }

    @Test
    void describesKeysAsSshKeygenDoes() {
        assertEquals(withoutComment(TestVectors.ED25519_KEYGEN), SshPublicKey.parseLine(TestVectors.ED25519).describe());
        assertEquals(withoutComment(TestVectors.RSA_KEYGEN), SshPublicKey.parseLine(TestVectors.RSA).describe());
        assertEquals(withoutComment(TestVectors.ECDSA_KEYGEN), SshPublicKey.parseLine(TestVectors.ECDSA).describe());
    }

    @Test
    void writesTheOpenSshLineBackWithoutTheComment() {
        SshPublicKey key = SshPublicKey.parseLine(TestVectors.RSA);
        assertEquals(TestVectors.RSA.replace(" vec-rsa", ""), key.toOpenSsh());
        assertEquals("ssh-rsa", key.type());
        assertEquals(key, SshPublicKey.parseLine(key.toOpenSsh()));
        assertNotEquals(key, SshPublicKey.parseLine(TestVectors.ED25519));
    }

    @Test
    void rsaHostKeysAreAskedForWithSha2Only() {
        assertEquals("rsa-sha2-512,rsa-sha2-256", SshPublicKey.algorithmsFor("ssh-rsa"));
        assertEquals("ssh-ed25519", SshPublicKey.algorithmsFor("ssh-ed25519"));
    }

    @Test
    void refusesWhatIsNotAKey() {
        IllegalArgumentException garbage = assertThrows(IllegalArgumentException.class,
                () -> SshPublicKey.parseLine("ssh-ed25519 bm90IGEga2V5"));
        assertTrue(garbage.getMessage().contains("expected an OpenSSH public key line"), garbage.getMessage());
        IllegalArgumentException lying = assertThrows(IllegalArgumentException.class,
                () -> SshPublicKey.parseLine(TestVectors.ED25519.replace("ssh-ed25519 ", "ssh-rsa ")));
        assertEquals("public key line says ssh-rsa but the key is ssh-ed25519", lying.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SshPublicKey.parseLine("just-one-field"));
    }
}
