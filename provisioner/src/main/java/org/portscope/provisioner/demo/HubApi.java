package org.portscope.provisioner.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** The hub's JSON API as the demo reads it from the machine it runs on (through the overlay route). */
final class HubApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /** @param base e.g. {@code http://10.77.0.1:8080} */
    HubApi(String base) {
        this.base = Objects.requireNonNull(base, "base");
    }

    String base() {
        return base;
    }

    /** Whether /healthz answers 200. */
    boolean up() {
        try {
            return send("/healthz").statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** The answer to {@code path}, which must be 200 and JSON. */
    JsonNode get(String path) {
        try {
            HttpResponse<String> response = send(path);
            if (response.statusCode() != 200) {
                throw new DemoException("GET " + base + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new DemoException("GET " + base + path + " failed: " + e.getMessage(), e);
        }
    }

    /** The hub's totals for one node ({@code totals} of /api/summary), empty when it has none yet. */
    Optional<JsonNode> nodeTotals(String node, Integer port) {
        JsonNode summary = get("/api/summary?node=" + node + (port == null ? "" : "&port=" + port));
        for (JsonNode institution : summary.path("institutions")) {
            for (JsonNode n : institution.path("nodes")) {
                if (n.path("node").asText().equals(node)) {
                    return Optional.of(n.path("totals"));
                }
            }
        }
        return Optional.empty();
    }

    /** Observations per tool the hub stored for {@code node} (to {@code port} only, unless null). */
    Map<String, Long> byTool(String node, Integer port) {
        return counts(nodeTotals(node, port), "byTool");
    }

    /** Relayed sessions (listener mode) the hub stored for {@code node}. */
    long sessions(String node) {
        return nodeTotals(node, null).map(t -> t.path("sessions").asLong()).orElse(0L);
    }

    /** Observations per traffic kind the hub stored for {@code node}. */
    Map<String, Long> byKind(String node) {
        return counts(nodeTotals(node, null), "byKind");
    }

    private static Map<String, Long> counts(Optional<JsonNode> totals, String field) {
        Map<String, Long> counts = new TreeMap<>();
        totals.ifPresent(t -> t.path(field).properties().forEach(e -> counts.put(e.getKey(), e.getValue().asLong())));
        return counts;
    }

    private HttpResponse<String> send(String path) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
