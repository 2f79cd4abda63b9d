package org.portscope.provisioner.onboard.machine;

import java.time.Duration;
import org.portscope.provisioner.ssh.ShellQuote;

/**
 * Waits, on the machine itself, until a service's {@code /healthz} answers {@code "status":"ok"}:
 * one curl every 0.2 s, so a step ends as soon as the service is up rather than after a guess.
 */
public final class HealthWait {
    private static final long POLL_MILLIS = 200;

    private HealthWait() {}

    /**
     * @param what the service, for the step's name and the error ("the sensor")
     * @param log the service's log file, whose last 20 lines the error carries
     * @throws RuntimeException with the last answer and the end of the log when not ok within {@code within}
     */
    public static void await(Shell root, String what, String url, Duration within, String log) {
        String quoted = ShellQuote.quote(url);
        String script = Services.waitFor(
                "b=$(curl -sS -m 2 " + quoted + " 2>&1) && printf '%s' \"$b\" | grep -q '\"status\":\"ok\"'",
                Math.max(1, within.toMillis() / POLL_MILLIS), Double.toString(POLL_MILLIS / 1000.0),
                "echo \"" + what + "'s health at \"" + quoted + "\" is not ok after " + within.toSeconds()
                        + " s; last answer: $b\" >&2; tail -n 20 " + ShellQuote.quote(log) + " >&2 2>/dev/null");
        root.run(what + " health", script, null, within.plusSeconds(30));
    }
}
