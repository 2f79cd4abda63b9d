package org.portscope.provisioner.ssh;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A finished remote command.
 *
 * @param exitStatus the command's exit status, or -1 when it ended without one (killed by a signal)
 * @param exitSignal the signal that ended it (e.g. {@code KILL}), or {@code null}
 * @param stdout everything it wrote to standard output
 * @param stderr everything it wrote to standard error
 */
public record ExecResult(int exitStatus, String exitSignal, byte[] stdout, byte[] stderr) {

    public ExecResult {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }

    public boolean ok() {
        return exitStatus == 0;
    }

    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    public String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ExecResult[exit=" + exitStatus + (exitSignal == null ? "" : ", signal=" + exitSignal)
                + ", stdout=" + stdout.length + " bytes, stderr=" + stderr.length + " bytes]";
    }
}
