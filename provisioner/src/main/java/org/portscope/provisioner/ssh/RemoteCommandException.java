package org.portscope.provisioner.ssh;

import java.util.Objects;

/**
 * A remote step failed: non-zero exit, killed, or over its time limit. The message names the
 * node, the step, the command line (commands carry no secrets: those travel on standard input)
 * and the end of the command's standard error.
 */
public final class RemoteCommandException extends SshException {

    private static final long serialVersionUID = 1L;
    private static final int TAIL_LINES = 15;
    private static final int TAIL_CHARS = 2000;

    private final String step;
    private final int exitStatus;
    private final String stderrTail;

    public RemoteCommandException(String node, String step, String command, int exitStatus, String why,
            String stderr) {
        super(node + ": step '" + Objects.requireNonNull(step, "step") + "' " + why + "\n  command: "
                + abbreviate(command) + (tail(stderr).isEmpty() ? "" : "\n  stderr: " + tail(stderr)));
        this.step = step;
        this.exitStatus = exitStatus;
        this.stderrTail = tail(stderr);
    }

    public String step() {
        return step;
    }

    /** The exit status, or -1 when the command was killed or timed out. */
    public int exitStatus() {
        return exitStatus;
    }

    public String stderrTail() {
        return stderrTail;
    }

    /** The last lines of {@code stderr}, at most {@value #TAIL_CHARS} characters. */
    static String tail(String stderr) {
        if (stderr == null) {
            return "";
        }
        String[] lines = stderr.strip().split("\n");
        int from = Math.max(0, lines.length - TAIL_LINES);
        String tail = String.join("\n  ", java.util.Arrays.copyOfRange(lines, from, lines.length));
        tail = tail.length() > TAIL_CHARS ? "..." + tail.substring(tail.length() - TAIL_CHARS) : tail;
        return (from > 0 ? "...\n  " : "") + tail;
    }

    private static String abbreviate(String command) {
        String flat = command.replace('\n', ' ');
        return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
    }
}
