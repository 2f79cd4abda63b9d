package org.portscope.provisioner.testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HostKeyTest {

    // Made with ssh-keygen; the fingerprints are what `ssh-keygen -lf` printed for them.
    private static final String ED25519 =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBpa2gGNi8XDMXpQx+FsQoiuXcaAQLoQ000D9e0VXrRq vec";
    private static final String RSA = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCp7HeYTVfZ+mU6YtkvY20YpKFmkTktqJ2gId5+X"
            + "+S9XfkPCn9i7o5fPbdXtHz++N9ZmXv2FS9M2GYhcqyFkuHa0qoM8UYcujLya8UUVaUlOWmrwnYU54q+yy+xqQO2D5eE8UBXkGL9LBe"
            + "9b+hHp7vKWn7Mbw4FC5ccOSHG0CBciBOXkDDBZ1ZJkHVzELuavsr90mde2MkJTjCtBzfvoAjUKRsjH69PnQh/KrL2oBdeDQ6qdf9VV"
            + "jfoBwpF+Yuff6X/KyZ263r4BJeZKovxI/VAAIqYqZH9Qy9ZPf62BthEJIMugvoLEMTwtRo50qDPLP9hV+QAHURRMNMoGQe/mLFl vec";

    @Test
    void fingerprintsAreTheOnesSshKeygenPrints() {
        assertEquals("SHA256:nUwYSJdrtTlNSPAbt/obuzDB1/qfhhykmlOtRWQEZAQ", HostKey.parse(ED25519).fingerprint());
        assertEquals("SHA256:OBaeH9ca+SkmWp/OjqX2UWL1gk30MjTP5Mnoe1S2NPk", HostKey.parse(RSA).fingerprint());
    }

    @Test
    void knownHostsLinesBracketOnlyOtherPorts() {
        HostKey key = HostKey.parse(ED25519);
        assertEquals("ssh-ed25519", key.type());
        assertEquals("198.18.0.2 " + key.openSsh(), key.knownHostsLine("198.18.0.2", 22));
        assertEquals("[198.18.0.2]:2222 " + key.openSsh(), key.knownHostsLine("198.18.0.2", 2222));
    }

    @Test
    void refusesWhatIsNotAKeyLine() {
        assertThrows(IllegalArgumentException.class, () -> HostKey.parse("ssh-ed25519"));
        assertThrows(IllegalArgumentException.class, () -> HostKey.parse("ssh-ed25519 not*base64"));
        assertThrows(IllegalArgumentException.class, () -> HostKey.parse("SSH ED25519 AAAA"));
    }
}
