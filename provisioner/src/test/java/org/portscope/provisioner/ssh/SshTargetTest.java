package org.portscope.provisioner.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SshTargetTest {

    private static final SshAuth KEY = new SshAuth(Path.of("/keys/node"), "hunter2-passphrase");
    private static final HostKeyPolicy PIN = HostKeyPolicy.pinned(TestVectors.ED25519);

    @Test
    void namesTheNodeAsSshDoes() {
        SshTarget v4 = new SshTarget("192.0.2.7", 2222, "admin", KEY, PIN, Privilege.SUDO);
        assertEquals("admin@192.0.2.7:2222", v4.describe());
        assertEquals("[2001:db8::7]:22", SshTarget.root("2001:db8::7", 22, KEY, PIN).address());
    }

    @Test
    void rootNeverGoesThroughSudo() {
        assertEquals(Privilege.ROOT, new SshTarget("node1", 22, "root", KEY, PIN, Privilege.SUDO).privilege());
    }

    @Test
    void neverShowsThePassphrase() {
        SshTarget target = new SshTarget("node1", 22, "admin", KEY, PIN, Privilege.SUDO);
        assertFalse(target.toString().contains("hunter2"), target.toString());
        assertTrue(target.toString().contains("passphrase=***"), target.toString());
        assertFalse(SshAuth.key(Path.of("/k")).toString().contains("passphrase"));
    }

    @Test
    void refusesBadInputNamingIt() {
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> new SshTarget("node1", 0, "root", KEY, PIN, Privilege.ROOT));
        assertEquals("ssh port of node1 must be 1-65535, got 0", port.getMessage());
        IllegalArgumentException user = assertThrows(IllegalArgumentException.class,
                () -> new SshTarget("node1", 22, "root; rm -rf /", KEY, PIN, Privilege.ROOT));
        assertEquals("ssh user of node1 must be a plain user name, got 'root; rm -rf /'", user.getMessage());
        IllegalArgumentException host = assertThrows(IllegalArgumentException.class,
                () -> new SshTarget("[::1]", 22, "root", KEY, PIN, Privilege.ROOT));
        assertTrue(host.getMessage().startsWith("ssh host must be a DNS name or an IP address"), host.getMessage());
    }
}
