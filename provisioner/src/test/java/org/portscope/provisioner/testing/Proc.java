package org.portscope.provisioner.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program to completion. Output goes to files rather than pipes, so a daemon the program
 * leaves behind (wg-quick starts wireguard-go) cannot keep the test waiting for end of stream.
 */
public final class Proc {

    /** A finished run. */
    public record Result(List<String> command, int exit, String out, String err) {
        public Result requireSuccess() {
            if (exit != 0) {
                throw new AssertionError(String.join(" ", command) + " exited " + exit
                        + "\nstdout: " + out + "\nstderr: " + err);
            }
            return this;
        }
    }

    private Proc() {
    }

    public static Result run(List<String> command) {
        return run(command, null, Duration.ofSeconds(60));
    }

    public static Result run(List<String> command, String stdin) {
        return run(command, stdin, Duration.ofSeconds(60));
    }

    public static Result run(List<String> command, String stdin, Duration timeout) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("proc", ".out");
            err = Files.createTempFile("proc", ".err");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            if (stdin == null) {
                builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            }
            Process process = builder.start();
            if (stdin != null) {
                try (var in = process.getOutputStream()) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + timeout);
            }
            return new Result(List.copyOf(command), process.exitValue(),
                    Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }
}
