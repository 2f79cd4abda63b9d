package org.portscope.provisioner.demo;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting for something the demo can observe (a count at the hub, a new pid), by polling it. */
public final class Await {

    private static final long POLL_MS = 250;

    private Await() {
    }

    /**
     * Polls {@code condition} until it holds or {@code within} passes; then fails naming
     * {@code what} and {@code state}, what was last seen.
     */
    public static void until(String what, Duration within, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new DemoException("not within " + within.toSeconds() + " s: " + what + "; last seen: " + state.get());
            }
            try {
                Thread.sleep(POLL_MS); // the pace of polling, not a guess at readiness
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DemoException("interrupted while waiting: " + what, e);
            }
        }
    }
}
