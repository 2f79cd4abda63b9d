package org.portscope.provisioner.testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TestbedSpecTest {

    @Test
    void anInstitutionIsTheHubThenNumberedNodes() {
        TestbedSpec spec = TestbedSpec.institution(3).with(HostSpec.plain("attacker"));
        assertEquals(List.of("hub", "node1", "node2", "node3", "attacker"),
                spec.hosts().stream().map(HostSpec::name).toList());
        assertEquals(HostSpec.Role.HUB, spec.host("hub").role());
        assertTrue(spec.host("node2").sshd() && spec.host("node2").adminUser());
        assertFalse(spec.host("attacker").sshd());
        assertFalse(spec.rsaClientKey());
    }

    @Test
    void replacingChangesOneHostInPlace() {
        TestbedSpec spec = TestbedSpec.institution(2).replacing(HostSpec.node("node1").withRsaHostKey());
        assertTrue(spec.host("node1").rsaHostKey());
        assertFalse(spec.host("node2").rsaHostKey());
        assertEquals("node1", spec.hosts().get(1).name());
        assertThrows(IllegalArgumentException.class, () -> spec.replacing(HostSpec.node("node9")));
    }

    @Test
    void refusesSpecsThatCannotBeBuilt() {
        assertThrows(IllegalArgumentException.class, () -> TestbedSpec.institution(1).with(HostSpec.node("node1")),
                "duplicate name");
        assertThrows(IllegalArgumentException.class, () -> TestbedSpec.institution(1).with(HostSpec.hub()));
        assertThrows(IllegalArgumentException.class, () -> new TestbedSpec(List.of(), false));
        assertThrows(IllegalArgumentException.class, () -> TestbedSpec.institution(TestbedSpec.MAX_HOSTS));
        TestbedSpec.institution(TestbedSpec.MAX_HOSTS - 1); // exactly full
    }

    @Test
    void hostNamesAreHostnamesAndNotTheSwitch() {
        for (String bad : List.of("", "Node1", "1node", "node_1", "node 1", "a".repeat(32), "switch")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostSpec.node(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
        HostSpec.node("a".repeat(31));
        HostSpec.node("edge-7");
    }

    @Test
    void sshOptionsNeedSshd() {
        assertThrows(IllegalArgumentException.class,
                () -> new HostSpec("x", HostSpec.Role.PLAIN, false, true, false));
        HostSpec plain = HostSpec.plain("scanner");
        assertTrue(plain.withRsaHostKey().sshd());
        assertTrue(plain.withAdminUser(true).sshd());
        assertFalse(HostSpec.node("n").withAdminUser(false).adminUser());
    }
}
