package org.portscope.provisioner.testbed;

import java.util.List;
import java.util.Objects;

/**
 * A program that ran to completion.
 *
 * @param command the command as it may be shown (secrets in it already replaced by {@code ***})
 * @param exit its exit status
 * @param out what it wrote to stdout
 * @param err what it wrote to stderr
 */
public record ExecResult(List<String> command, int exit, String out, String err) {

    public ExecResult {
        command = List.copyOf(command);
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
    }

    public boolean succeeded() {
        return exit == 0;
    }

    /**
     * @return this result when the exit status is 0
     * @throws TestbedException naming the command, its status and its stderr otherwise
     */
    public ExecResult requireSuccess() {
        if (exit != 0) {
            throw new TestbedException(String.join(" ", command) + " exited " + exit
                    + (err.isBlank() ? "" : ": " + err.strip())
                    + (out.isBlank() ? "" : "\nstdout: " + out.strip()));
        }
        return this;
    }
}
