package org.portscope.provisioner.onboard.converge;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress as log lines, one per finished step, for output that is not a terminal (CI, a file,
 * a pipe): {@code node1 wireguard-config changed 0.21s}.
 */
public final class PlainProgress implements Progress {

    private final PrintStream out;

    public PlainProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void started(String target, String step) {
        // one line per step, when it ends: a line for the start too would double the log
    }

    @Override
    public synchronized void finished(StepReport step) {
        String what = step.failed() ? "FAILED" : step.change() == Change.CHANGED ? "changed" : "ok";
        out.println(String.format(Locale.ROOT, "%s %s %s %.2fs", step.target(), step.step(), what,
                step.took().toNanos() / 1e9));
        out.flush();
    }

    @Override
    public synchronized void done(TargetReport report) {
        out.println(report.summary());
        out.flush();
    }

    @Override
    public synchronized void note(String line) {
        out.println(line);
        out.flush();
    }
}
