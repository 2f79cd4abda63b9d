package org.portscope.provisioner.onboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.portscope.provisioner.demo.Await;
import org.portscope.provisioner.demo.NodeFiles;
import org.portscope.provisioner.testbed.ExecResult;
import org.portscope.provisioner.testbed.Host;

/**
 * What an onboarded testbed's telescope holds, read where it lives: each node's local jsonl file
 * (real addresses, every observation), and the hub service's JSON API, asked from the hub host
 * over its overlay address (the only address it listens on).
 */
final class Telescope {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Host hub;
    private final String api;

    /** @param api the API's base URL on the overlay, e.g. {@code http://10.77.0.1:8080} */
    Telescope(Host hub, String api) {
        this.hub = hub;
        this.api = api;
    }

    /** Observations per tool in {@code node}'s jsonl file, optionally only those to {@code port}. */
    static Map<String, Long> local(Host node, Integer port) {
        return NodeFiles.byTool(node, port);
    }

    /** Observations per tool the hub stored for {@code node} (empty when it has none). */
    Map<String, Long> stored(String node, Integer port) {
        JsonNode summary = get("/api/summary?node=" + node + (port == null ? "" : "&port=" + port));
        Map<String, Long> counts = new TreeMap<>();
        for (JsonNode institution : summary.path("institutions")) {
            for (JsonNode n : institution.path("nodes")) {
                if (n.path("node").asText().equals(node)) {
                    n.path("totals").path("byTool").properties().forEach(e -> counts.put(e.getKey(), e.getValue().asLong()));
                }
            }
        }
        return counts;
    }

    /** Whether the hub's /api/nodes lists {@code node} as registered; null when it does not list it at all. */
    Boolean registered(String node) {
        for (JsonNode n : get("/api/nodes").path("nodes")) {
            if (n.path("name").asText().equals(node)) {
                return n.path("registered").asBoolean();
            }
        }
        return null;
    }

    /** {@code node}'s overlay address as onboarding recorded it beside {@code inventory}. */
    String overlay(java.nio.file.Path inventory, String node) {
        return org.portscope.provisioner.onboard.state.ProvisionerState.load(
                org.portscope.provisioner.onboard.inventory.InventoryLoader.load(inventory))
                .node(node).orElseThrow().addresses().toString();
    }

    /** The API's answer to {@code path}, which must be 200. */
    JsonNode get(String path) {
        ExecResult r = hub.exec(Duration.ofSeconds(20), null, List.of("curl", "-sS", "-f", "-m", "10", api + path));
        if (!r.succeeded()) {
            throw new IllegalStateException("GET " + api + path + " on the hub failed: " + r.err());
        }
        return parse(r.out());
    }

    /** Whether the API answers at all. */
    boolean up() {
        return hub.exec("curl", "-sS", "-f", "-m", "2", "-o", "/dev/null", api + "/healthz").succeeded();
    }

    /**
     * A counter of the node's sensor, read from its /metrics over the overlay (from the hub), or
     * 0 when the sensor does not have it yet.
     */
    long sensorCounter(String nodeOverlay, int metricsPort, String name) {
        String text = hub.exec("curl", "-sS", "-f", "-m", "5", "http://" + nodeOverlay + ":" + metricsPort + "/metrics")
                .requireSuccess().out();
        return text.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    /**
     * Polls {@code condition} (each poll is a command on a host, a few per second) until it holds
     * or {@code within} passes; then fails with {@code state}, what was last seen.
     */
    static void await(String what, Duration within, Supplier<Boolean> condition, Supplier<String> state) {
        Await.until(what, within, condition::get, state);
    }
}
