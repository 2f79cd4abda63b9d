package org.portscope.provisioner.onboard.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HubReadingsTest {

    private static final String A = "uRm2PamJm2csrOp/rsYepQvrw/Om4boaWMeea3Q+wBQ=";
    private static final String B = "hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo=";

    @Test
    void handshakeAgesAndHealthFromOneReading() {
        HubReadings readings = HubReadings.parse("1700000100\n---\n" + A + "\t1700000090\n" + B + "\t0\n---\n"
                + "node1 {\"status\":\"ok\",\"capturing\":true}\n"
                + "node2 curl: (28) Connection timed out after 2001 milliseconds\n");
        assertEquals(10, readings.handshakeAge(A));
        assertEquals(-1, readings.handshakeAge(B));
        assertEquals(-1, readings.handshakeAge("unknown"));
        assertTrue(readings.healthy("node1"));
        assertFalse(readings.healthy("node2"));
        assertFalse(readings.healthy("node3"));
        assertTrue(readings.health().get("node2").startsWith("curl: (28)"));
    }
}
