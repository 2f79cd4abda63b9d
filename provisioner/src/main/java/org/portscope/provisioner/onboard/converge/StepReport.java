package org.portscope.provisioner.onboard.converge;

import java.time.Duration;
import java.util.Objects;

/**
 * One step of one target (a node or the hub), done.
 *
 * @param target the node's name, or {@code hub}
 * @param step the step's name, e.g. {@code wireguard-config}
 * @param change whether it changed the machine (UNCHANGED when it failed)
 * @param took how long it ran
 * @param failure why it failed, or null
 */
public record StepReport(String target, String step, Change change, Duration took, Throwable failure) {

    public StepReport {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(took, "took");
    }

    public boolean failed() {
        return failure != null;
    }
}
