package org.portscope.provisioner.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The standard streams of one command run; tests pass their own.
 *
 * @param in standard input
 * @param out standard output
 * @param err standard error
 * @param stdoutFile what standard output is open on, when known (Linux: /proc/self/fd/1), so a
 *     command printing a secret can warn when that is a file others may read
 */
public record Io(InputStream in, PrintStream out, PrintStream err, Path stdoutFile) {

    public Io {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
    }

    public static Io system() {
        Path fd1 = Path.of("/proc/self/fd/1");
        return new Io(System.in, System.out, System.err, Files.exists(fd1) ? fd1 : null);
    }

    public Optional<Path> stdoutFileIfKnown() {
        return Optional.ofNullable(stdoutFile);
    }
}
