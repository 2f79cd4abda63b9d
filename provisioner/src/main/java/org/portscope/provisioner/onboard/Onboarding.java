package org.portscope.provisioner.onboard;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.portscope.provisioner.onboard.converge.ParallelRun;
import org.portscope.provisioner.onboard.converge.Progress;
import org.portscope.provisioner.onboard.converge.StepFailedException;
import org.portscope.provisioner.onboard.converge.TargetReport;
import org.portscope.provisioner.onboard.hub.Hub;
import org.portscope.provisioner.onboard.inventory.NodeSpec;
import org.portscope.provisioner.onboard.node.NodeConverge;

/**
 * {@code portscope onboard}: converges the hub, then the nodes in parallel on a bounded pool.
 * One failing node never stops the others; a failing hub stops the run (no node can join).
 */
public final class Onboarding {

    /** Default number of nodes converged at once: the work is SSH round trips, not CPU. */
    public static final int DEFAULT_PARALLELISM = 32;

    private Onboarding() {
    }

    /**
     * What one run did.
     *
     * @param hub the hub's report
     * @param nodes each node's report, in inventory order (empty when the hub failed)
     * @param took wall time of the whole run
     */
    public record Result(TargetReport hub, List<TargetReport> nodes, Duration took) {

        public Result {
            Objects.requireNonNull(hub, "hub");
            nodes = List.copyOf(nodes);
            Objects.requireNonNull(took, "took");
        }

        public boolean ok() {
            return hub.ok() && nodes.stream().allMatch(TargetReport::ok);
        }

        public long changes() {
            return hub.changes() + nodes.stream().mapToLong(TargetReport::changes).sum();
        }

        public List<TargetReport> all() {
            List<TargetReport> all = new java.util.ArrayList<>();
            all.add(hub);
            all.addAll(nodes);
            return all;
        }

        public TargetReport node(String name) {
            return nodes.stream().filter(r -> r.target().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no report for node " + name));
        }
    }

    /** Onboards {@code nodes} (usually all of the inventory's). */
    public static Result run(OnboardContext context, List<NodeSpec> nodes, int parallelism, Progress progress) {
        long start = System.nanoTime();
        if (context.inventory().anonymizationKey().isEmpty()) {
            progress.note("warning: the inventory names no anonymization key (anonymization: {key-file: FILE, key-id: ID});"
                    + " sensors forward real addresses to the hub (anonymizer: identity)");
        }
        try (Hub hub = new Hub(context)) {
            TargetReport hubReport = hub.converge(progress);
            progress.done(hubReport);
            if (!hubReport.ok()) {
                return new Result(hubReport, List.of(), Duration.ofNanos(System.nanoTime() - start));
            }
            List<TargetReport> reports = ParallelRun.run(nodes, parallelism, NodeSpec::name, node -> {
                TargetReport report;
                try {
                    report = new NodeConverge(context, hub, node).run(progress);
                } catch (RuntimeException bug) {
                    report = new TargetReport(node.name(), List.of(), new StepFailedException(node.name(), "(internal)", bug));
                }
                progress.done(report);
                return report;
            });
            return new Result(hubReport, reports, Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
