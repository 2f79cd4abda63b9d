package org.portscope.provisioner.onboard.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.portscope.sensor.api.Observation;

class AnonymizationTest {
    @Test
    void theKeyIdRuleIsTheSensors() {
        assertEquals(Observation.ANON_KEY_ID_RULE, Anonymization.KEY_ID_RULE);
        for (String id : new String[] {"a", "uni-x_2026.a", "Z9", "x".repeat(64), "", "x".repeat(65), "a b", "a/b",
                "ä", "a\"", "key:1", "a\n"}) {
            assertEquals(Observation.isAnonKeyId(id), Anonymization.isKeyId(id), "'" + id + "'");
        }
        assertEquals(Observation.isAnonKeyId(null), Anonymization.isKeyId(null), "null");
    }

    @Test
    void aBadKeyIdIsNamedWithTheRule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Anonymization.checkKeyId("anonymizationKeyId", "a/b"));
        assertEquals("anonymizationKeyId 'a/b' is not " + Anonymization.KEY_ID_RULE, e.getMessage());
        assertEquals("inst-2026a", Anonymization.checkKeyId("k", "inst-2026a"));
    }
}
