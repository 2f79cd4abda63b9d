package org.portscope.provisioner.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Hub resource's check and diff of {@code anonymizationKeyId}, which its enrollment API tells
 * enrolled nodes (its converge runs against a testbed in {@link ProviderIT}).
 */
class HubTypeTest {

    private final HubType type = new HubType(new HubSessions());

    private static Map<String, Object> hub(Object keyId) {
        Map<String, Object> hub = Props.map("institution", "uni-x", "overlay", Props.map("ipv4", "10.77.0.0/24"),
                "interface", "wg0", "ssh", Props.map("host", "198.18.0.1", "port", 22, "user", "root",
                        "hostKey", "SHA256:IihN4HajHeUAw6I/dIZoSpRujeQZMziuIzFLi949oy8", "sudo", false),
                "endpoint", "198.18.0.1:51820", "listenPort", 51820, "enrollmentPort", 8443, "state", "running");
        if (keyId != null) {
            hub.put("anonymizationKeyId", keyId);
        }
        return hub;
    }

    @Test
    void checkRefusesAKeyIdThatIsNoneNamingTheInputTheValueAndWhatWasExpected() {
        assertEquals(List.of(), type.check(hub("uni-x-2026.a_1")));
        assertEquals(List.of(), type.check(hub(null)), "without it enrolled nodes forward addresses as they are");
        assertEquals(List.of(new Inputs.Failure("anonymizationKeyId",
                "'uni x' is not valid; expected 1-64 letters, digits, '.', '_' or '-'")), type.check(hub("uni x")));
        assertEquals(1, type.check(hub("k".repeat(65))).size(), "65 characters");
        assertEquals(1, type.check(hub("")).size(), "empty");
        assertTrue(type.check(hub(List.of("uni-x"))).get(0).toString().startsWith("anonymizationKeyId: is a list"));
    }

    @Test
    void aNewKeyIdIsAnUpdateOfTheHubNeverAReplacement() {
        assertEquals(ResourceType.Diff.NONE, type.diff(hub("uni-x-2026"), hub("uni-x-2026")));
        assertEquals(new ResourceType.Diff(List.of(), List.of("anonymizationKeyId"), false),
                type.diff(hub("uni-x-2026"), hub("uni-x-2027")));
        assertEquals(new ResourceType.Diff(List.of(), List.of("anonymizationKeyId"), false),
                type.diff(hub(null), hub("uni-x-2026")), "a hub made before the input existed learns it");
        assertEquals(new ResourceType.Diff(List.of(), List.of("anonymizationKeyId"), false),
                type.diff(hub("uni-x-2026"), hub(null)));
    }
}
