package org.portscope.provisioner.onboard.converge;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A live display for a terminal: one line per target showing its current step, redrawn in place
 * (ANSI cursor movement), with finished targets' summaries. Notes print above the table.
 */
public final class TerminalProgress implements Progress {

    private static final String CLEAR_LINE = "\u001b[2K";

    private final PrintStream out;
    private final Map<String, String> lines = new LinkedHashMap<>();
    private final Map<String, Integer> stepCounts = new LinkedHashMap<>();
    private int drawn;

    public TerminalProgress(PrintStream out, List<String> targets) {
        this.out = out;
        targets.forEach(t -> lines.put(t, "waiting"));
        redraw();
    }

    @Override
    public synchronized void started(String target, String step) {
        int n = stepCounts.merge(target, 1, Integer::sum);
        lines.put(target, "step " + n + ": " + step + " ...");
        redraw();
    }

    @Override
    public synchronized void finished(StepReport step) {
        if (step.failed()) {
            lines.put(step.target(), "FAILED at " + step.step());
            redraw();
        }
    }

    @Override
    public synchronized void done(TargetReport report) {
        lines.put(report.target(), report.ok() ? "done: " + report.summary().substring(report.target().length() + 2)
                : report.summary());
        redraw();
    }

    @Override
    public synchronized void note(String line) {
        erase();
        out.println(line);
        drawTable();
    }

    @Override
    public synchronized void close() {
        out.flush();
    }

    private void redraw() {
        erase();
        drawTable();
    }

    private void erase() {
        if (drawn > 0) {
            out.print("\u001b[" + drawn + "F");
            for (int i = 0; i < drawn; i++) {
                out.print(CLEAR_LINE + "\n");
            }
            out.print("\u001b[" + drawn + "F");
        }
        drawn = 0;
    }

    private void drawTable() {
        int width = lines.keySet().stream().mapToInt(String::length).max().orElse(4);
        List<String> rows = new ArrayList<>();
        lines.forEach((target, state) -> rows.add(String.format("  %-" + width + "s  %s", target, state)));
        for (String row : rows) {
            out.print(CLEAR_LINE + row + "\n");
        }
        drawn = rows.size();
        out.flush();
    }
}
