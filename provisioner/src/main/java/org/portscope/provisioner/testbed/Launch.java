package org.portscope.provisioner.testbed;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to start a daemon on a host: {@code Launch.of("wg0", "wireguard-go", "-f", "wg0")
 * .withEnv("LOG_LEVEL", "verbose").readyWhen("UAPI listener started")}.
 *
 * @param label names the daemon in its log file name and in errors
 * @param command the program and its arguments, run in the foreground
 * @param environment variables added to the testbed JVM's environment
 * @param readyLine a line of its stdout or stderr that says it is ready, or {@code null} to
 *     return as soon as it started
 * @param readyTimeout how long to wait for that line
 */
public record Launch(String label, List<String> command, Map<String, String> environment, Pattern readyLine,
        Duration readyTimeout) {

    public Launch {
        Objects.requireNonNull(label, "label");
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        Objects.requireNonNull(readyTimeout, "readyTimeout");
        if (!label.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("a daemon label is letters, digits, '_', '.' and '-', got '" + label + "'");
        }
        if (command.isEmpty()) {
            throw new IllegalArgumentException("daemon " + label + " has no command");
        }
    }

    /** A daemon that counts as started once its process runs. */
    public static Launch of(String label, String... command) {
        return new Launch(label, List.of(command), Map.of(), null, Duration.ofSeconds(30));
    }

    /** Waits for a line matching {@code regex} (searched within the line) before returning. */
    public Launch readyWhen(String regex) {
        return new Launch(label, command, environment, Pattern.compile(regex), readyTimeout);
    }

    public Launch withEnv(String name, String value) {
        Map<String, String> more = new HashMap<>(environment);
        more.put(name, value);
        return new Launch(label, command, more, readyLine, readyTimeout);
    }

    public Launch within(Duration timeout) {
        return new Launch(label, command, environment, readyLine, timeout);
    }
}
