package org.portscope.provisioner.onboard.converge;

import java.util.List;
import java.util.Objects;

/**
 * Everything one target's converge did.
 *
 * @param target the node's name, or {@code hub}
 * @param steps its steps in order (the failed one last)
 * @param failure what stopped it, or null when every step succeeded
 */
public record TargetReport(String target, List<StepReport> steps, StepFailedException failure) {

    public TargetReport {
        Objects.requireNonNull(target, "target");
        steps = List.copyOf(steps);
    }

    public boolean ok() {
        return failure == null;
    }

    public long changes() {
        return steps.stream().filter(s -> s.change() == Change.CHANGED).count();
    }

    /** {@code node1: up to date, 0 changes}, {@code node1: 4 changes (a, b, ...)} or the failure. */
    public String summary() {
        if (failure != null) {
            return "FAILED: " + failure.getMessage();
        }
        long changes = changes();
        if (changes == 0) {
            return target + ": up to date, 0 changes";
        }
        List<String> changed = steps.stream().filter(s -> s.change() == Change.CHANGED).map(StepReport::step).toList();
        return target + ": " + changes + (changes == 1 ? " change (" : " changes (") + String.join(", ", changed) + ")";
    }
}
