package org.portscope.provisioner.ssh;

import java.time.Duration;
import java.util.Objects;

/**
 * Timeouts for one SSH session.
 *
 * @param connectTimeout TCP connect plus key exchange plus authentication
 * @param commandTimeout how long one remote command may run unless the call says otherwise
 * @param keepaliveInterval how often an idle session probes the server
 * @param keepaliveCountMax unanswered probes after which the session counts as lost
 */
public record SshOptions(Duration connectTimeout, Duration commandTimeout, Duration keepaliveInterval,
        int keepaliveCountMax) {

    public SshOptions {
        positive(connectTimeout, "connectTimeout");
        positive(commandTimeout, "commandTimeout");
        positive(keepaliveInterval, "keepaliveInterval");
        if (keepaliveCountMax < 1) {
            throw new IllegalArgumentException("keepaliveCountMax must be at least 1, got " + keepaliveCountMax);
        }
    }

    /** 15 s to connect, 10 min per command (package installs), a keepalive every 15 s, 4 missed. */
    public static SshOptions defaults() {
        return new SshOptions(Duration.ofSeconds(15), Duration.ofMinutes(10), Duration.ofSeconds(15), 4);
    }

    public SshOptions withCommandTimeout(Duration timeout) {
        return new SshOptions(connectTimeout, timeout, keepaliveInterval, keepaliveCountMax);
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero() || value.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be positive and under 24 days, got " + value);
        }
    }
}
