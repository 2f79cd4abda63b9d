package org.portscope.provisioner.onboard.converge;

/** What a step did to the machine. */
public enum Change {
    /** The machine was already as wanted; nothing was touched. */
    UNCHANGED,
    /** The step changed something (installed, wrote, started, removed). */
    CHANGED;

    public static Change of(boolean changed) {
        return changed ? CHANGED : UNCHANGED;
    }

    public Change or(Change other) {
        return this == CHANGED || other == CHANGED ? CHANGED : UNCHANGED;
    }
}
