package org.portscope.provisioner.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** The demo's closing table, read from the hub's API: per node, what the telescope saw. */
final class DemoSummary {

    /** One node's row. */
    record Row(String node, long observations, Map<String, Long> byTool, Map<String, Long> byKind, long sessions,
            Instant lastSeen) {
        Row {
            Objects.requireNonNull(node, "node");
            byTool = Map.copyOf(byTool);
            byKind = Map.copyOf(byKind);
        }
    }

    private final List<Row> rows;

    private DemoSummary(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    static DemoSummary read(HubApi api, List<String> nodes) {
        List<Row> rows = new ArrayList<>();
        for (String node : nodes) {
            JsonNode totals = api.nodeTotals(node, null).orElseThrow(() -> new DemoException("the hub has no node " + node));
            String last = totals.path("lastSeen").asText(null);
            rows.add(new Row(node, totals.path("observations").asLong(), api.byTool(node, null), api.byKind(node),
                    totals.path("sessions").asLong(), last == null || last.isEmpty() ? null : Instant.parse(last)));
        }
        return new DemoSummary(rows);
    }

    void print(PrintStream out) {
        String format = "%-7s %12s %7s %11s %8s  %-10s %s%n";
        out.printf(Locale.ROOT, format, "node", "observations", "probes", "backscatter", "sessions", "last seen",
                "tools");
        Instant now = Instant.now();
        for (Row row : rows) {
            out.printf(Locale.ROOT, format, row.node(), row.observations(), row.byKind().getOrDefault("probe", 0L),
                    row.byKind().getOrDefault("backscatter", 0L), row.sessions(), age(row.lastSeen(), now), tools(row.byTool()));
        }
    }

    /** Where the hub differs from what was sent, one line each; empty when it shows exactly that. */
    List<String> mismatches(Map<String, List<Probes>> sent, Map<String, Long> sessions) {
        List<String> mismatches = new ArrayList<>();
        for (Row row : rows) {
            long wantSessions = sessions.getOrDefault(row.node(), 0L);
            if (row.sessions() != wantSessions) {
                mismatches.add(row.node() + ": sessions relayed " + wantSessions + ", hub shows " + row.sessions());
            }
            List<Probes> bursts = sent.getOrDefault(row.node(), List.of());
            Map<String, Long> wantTools = Scenario.checked(AttackPlan.byTool(bursts));
            Map<String, Long> seenTools = Scenario.checked(row.byTool());
            if (!wantTools.equals(seenTools)) {
                mismatches.add(row.node() + ": tools sent " + wantTools + ", hub shows " + seenTools);
            }
            long wantBackscatter = AttackPlan.byKind(bursts).getOrDefault("backscatter", 0L);
            long seenBackscatter = row.byKind().getOrDefault("backscatter", 0L);
            if (wantBackscatter != seenBackscatter) {
                mismatches.add(row.node() + ": backscatter sent " + wantBackscatter + ", hub shows " + seenBackscatter);
            }
        }
        return mismatches;
    }

    /**
     * Where the dashboard, as a browser rendered it, differs from the API: each node's row of the
     * nodes table must show its observation count.
     */
    List<String> dashboardMismatches(String dom) {
        List<String> mismatches = new ArrayList<>();
        List<String> tableRows = java.util.regex.Pattern.compile("<tr[ >].*?</tr>", java.util.regex.Pattern.DOTALL)
                .matcher(dom).results().map(java.util.regex.MatchResult::group).toList();
        for (Row row : rows) {
            String count = String.format(Locale.ROOT, "%,d", row.observations());
            boolean shown = tableRows.stream().anyMatch(tr -> tr.contains(">" + row.node() + "<")
                    && (tr.contains(">" + count + "<") || tr.contains(">" + row.observations() + "<")));
            if (!shown) {
                mismatches.add("the dashboard's nodes table has no row for " + row.node() + " with " + count + " observations");
            }
        }
        return mismatches;
    }

    /**
     * Where the hub holds a real address (it must hold anonymized ones only): each stored
     * observation's source and destination, per node, against {@code real}.
     */
    List<String> realAddressesAtTheHub(HubApi api, List<String> real) {
        List<String> leaks = new ArrayList<>();
        for (Row row : rows) {
            for (JsonNode o : api.get("/api/observations?node=" + row.node() + "&limit=" + Math.max(1, row.observations()))
                    .path("observations")) {
                for (String field : List.of("src", "dst")) {
                    if (real.contains(o.path(field).asText())) {
                        leaks.add(row.node() + ": the hub holds the real address " + o.path(field).asText() + " (" + field + ")");
                        break;
                    }
                }
            }
        }
        return leaks.stream().distinct().toList();
    }

    private static String tools(Map<String, Long> byTool) {
        return byTool.entrySet().stream().filter(e -> !e.getKey().equals("unknown"))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String age(Instant lastSeen, Instant now) {
        if (lastSeen == null) {
            return "never";
        }
        long seconds = Math.max(0, Duration.between(lastSeen, now).toSeconds());
        return seconds < 120 ? seconds + " s ago" : seconds / 60 + " min ago";
    }
}
