package org.portscope.provisioner.onboard.converge;

/**
 * Where a converge reports what it does, as it does it. Called from the worker threads of many
 * targets at once: implementations are thread-safe.
 */
public interface Progress {

    /** A step begins. */
    void started(String target, String step);

    /** A step ended (changed, unchanged or failed). */
    void finished(StepReport step);

    /** A target's converge ended. */
    void done(TargetReport report);

    /** A line that belongs to no step (a summary, a warning). */
    void note(String line);

    /** No more events; a live display leaves the screen as it is. */
    default void close() {
    }

    /** Reports nothing. */
    Progress NONE = new Progress() {
        @Override
        public void started(String target, String step) {
        }

        @Override
        public void finished(StepReport step) {
        }

        @Override
        public void done(TargetReport report) {
        }

        @Override
        public void note(String line) {
        }
    };
}
