package org.portscope.provisioner.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.portscope.provisioner.onboard.machine.Layout;
import org.portscope.provisioner.testbed.Host;

/** What a node's sensor recorded locally (its jsonl file, real addresses) and its process ids. */
public final class NodeFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NodeFiles() {
    }

    /** Observations per tool in the node's jsonl file, to {@code port} only unless null. */
    public static Map<String, Long> byTool(Host node, Integer port) {
        String lines = node.exec(Duration.ofSeconds(30), null, List.of("sh", "-c", "cat " + Layout.OBSERVATIONS
                + " 2>/dev/null || true")).requireSuccess().out();
        Map<String, Long> counts = new TreeMap<>();
        lines.lines().filter(l -> !l.isBlank()).map(NodeFiles::parse)
                .filter(o -> port == null || o.path("dport").asInt(-1) == port)
                .forEach(o -> counts.merge(o.path("tool").asText("(none)"), 1L, Long::sum));
        return counts;
    }

    /** The pid of the program a supervisor runs ({@code PIDFILE.child}), or "" when there is none. */
    static String supervisedPid(Host host, String pidfile) {
        return host.exec("sh", "-c", "cat " + pidfile + ".child 2>/dev/null || true").out().strip();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new DemoException("a line of the node's observations is not JSON: " + json, e);
        }
    }
}
