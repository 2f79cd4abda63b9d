package org.portscope.provisioner.onboard.converge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StepRunnerTest {

    @Test
    void reportsSayWhatChangedOrThatNothingDid() {
        StepRunner steps = new StepRunner("node1", Progress.NONE);
        steps.step("detect", () -> Change.UNCHANGED);
        steps.step("packages", () -> Change.UNCHANGED);
        assertEquals("node1: up to date, 0 changes", steps.report(null).summary());
        steps.step("key-pair", () -> Change.CHANGED);
        steps.step("wireguard-up", () -> Change.CHANGED);
        assertEquals("node1: 2 changes (key-pair, wireguard-up)", steps.report(null).summary());
    }

    @Test
    void aFailureNamesTargetAndStepAndEndsTheTarget() {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        StepRunner steps = new StepRunner("node3", new PlainProgress(new PrintStream(lines, true, StandardCharsets.UTF_8)));
        IOException cause = new IOException("connection refused");
        StepFailedException e = assertThrows(StepFailedException.class, () -> steps.step("connect", () -> {
            throw cause;
        }));
        assertEquals("node3: step 'connect' failed: connection refused", e.getMessage());
        assertSame(cause, e.getCause());
        TargetReport report = steps.report(e);
        assertFalse(report.ok());
        assertTrue(report.summary().startsWith("FAILED: node3: step 'connect'"));
        assertTrue(lines.toString(StandardCharsets.UTF_8).startsWith("node3 connect FAILED "), lines.toString());
    }

    @Test
    void oneFailingTargetDoesNotStopTheOthers() {
        AtomicInteger ran = new AtomicInteger();
        List<TargetReport> reports = ParallelRun.run(List.of("a", "b", "c"), 2, t -> t, t -> {
            StepRunner steps = new StepRunner(t, Progress.NONE);
            try {
                steps.step("work", () -> {
                    ran.incrementAndGet();
                    if (t.equals("b")) {
                        throw new IllegalStateException("b is broken");
                    }
                    return Change.CHANGED;
                });
                return steps.report(null);
            } catch (StepFailedException e) {
                return steps.report(e);
            }
        });
        assertEquals(3, ran.get());
        assertEquals(List.of("a", "b", "c"), reports.stream().map(TargetReport::target).toList());
        assertTrue(reports.get(0).ok());
        assertEquals("b: step 'work' failed: b is broken", reports.get(1).failure().getMessage());
        assertTrue(reports.get(2).ok());
    }

    @Test
    void theStepTableSumsTimePerStep() {
        StepRunner a = new StepRunner("a", Progress.NONE);
        a.step("detect", () -> Change.UNCHANGED);
        StepRunner b = new StepRunner("b", Progress.NONE);
        b.step("detect", () -> Change.UNCHANGED);
        List<String> table = StepTimes.table(List.of(a.report(null), b.report(null)));
        assertEquals(2, table.size());
        assertTrue(table.get(1).matches("detect\\s+\\d+\\.\\d\\d\\s+2\\s.*"), table.get(1));
    }
}
