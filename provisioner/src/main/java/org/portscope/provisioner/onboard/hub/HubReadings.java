package org.portscope.provisioner.onboard.hub;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the hub sees of its peers at one moment.
 *
 * @param now the hub's clock, unix seconds
 * @param handshakes public key (base64) to the unix second of its latest handshake (0: never)
 * @param health node name to what its /healthz answered over the overlay (or curl's error)
 */
public record HubReadings(long now, Map<String, Long> handshakes, Map<String, String> health) {

    public HubReadings {
        handshakes = Map.copyOf(handshakes);
        health = Map.copyOf(health);
    }

    static HubReadings parse(String text) {
        String[] parts = text.split("---\n", 3);
        long now = Long.parseLong(parts[0].strip());
        Map<String, Long> handshakes = new LinkedHashMap<>();
        for (String line : parts.length > 1 ? parts[1].split("\n") : new String[0]) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length == 2) {
                handshakes.put(fields[0], Long.parseLong(fields[1]));
            }
        }
        Map<String, String> health = new LinkedHashMap<>();
        for (String line : parts.length > 2 ? parts[2].split("\n") : new String[0]) {
            int space = line.indexOf(' ');
            if (space > 0) {
                health.put(line.substring(0, space), line.substring(space + 1).strip());
            }
        }
        return new HubReadings(now, handshakes, health);
    }

    /** Seconds since the peer's latest handshake, or -1 when it never had one. */
    public long handshakeAge(String publicKey) {
        long at = handshakes.getOrDefault(publicKey, 0L);
        return at == 0 ? -1 : Math.max(0, now - at);
    }

    public boolean healthy(String node) {
        return health.getOrDefault(node, "").contains("\"status\":\"ok\"");
    }
}
