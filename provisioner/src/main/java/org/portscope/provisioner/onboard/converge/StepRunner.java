package org.portscope.provisioner.onboard.converge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs the steps of one target in order, timing and reporting each. A step is a check followed
 * by a change only where needed; it returns what it did. The first failure ends the target: it
 * is reported and rethrown as a {@link StepFailedException} naming target and step.
 */
public final class StepRunner {

    /** A step's body: checks, changes what differs, says whether it changed anything. */
    @FunctionalInterface
    public interface Step {
        Change run() throws Exception;
    }

    private final String target;
    private final Progress progress;
    private final List<StepReport> reports = new ArrayList<>();

    public StepRunner(String target, Progress progress) {
        this.target = Objects.requireNonNull(target, "target");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    public String target() {
        return target;
    }

    public Change step(String name, Step body) {
        progress.started(target, name);
        long start = System.nanoTime();
        try {
            Change change = Objects.requireNonNull(body.run(), "a step must say whether it changed something");
            StepReport report = new StepReport(target, name, change, Duration.ofNanos(System.nanoTime() - start), null);
            reports.add(report);
            progress.finished(report);
            return change;
        } catch (StepFailedException e) {
            throw e;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            StepReport report = new StepReport(target, name, Change.UNCHANGED,
                    Duration.ofNanos(System.nanoTime() - start), e);
            reports.add(report);
            progress.finished(report);
            throw new StepFailedException(target, name, e);
        }
    }

    /** The report of everything run so far; {@code failure} when a step failed. */
    public TargetReport report(StepFailedException failure) {
        return new TargetReport(target, reports, failure);
    }
}
