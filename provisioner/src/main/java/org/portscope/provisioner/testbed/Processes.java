package org.portscope.provisioner.testbed;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs programs to completion. Output goes to temp files rather than pipes: a program that leaves
 * a daemon behind ({@code wg-quick up} starts wireguard-go) would otherwise keep the pipe open
 * and the caller waiting for an end of stream that never comes.
 */
final class Processes {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private Processes() {
    }

    static ExecResult run(String... command) {
        return run(List.of(command), null, DEFAULT_TIMEOUT, Set.of());
    }

    /** Runs and requires exit status 0. */
    static ExecResult ok(String... command) {
        return run(command).requireSuccess();
    }

    /**
     * @param stdin text fed to the program, or {@code null} for /dev/null
     * @param secrets arguments shown as {@code ***} in results and errors
     */
    static ExecResult run(List<String> command, String stdin, Duration timeout, Set<String> secrets) {
        List<String> shown = command.stream().map(a -> secrets.contains(a) ? "***" : a).toList();
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("portscope-testbed", ".out");
            err = Files.createTempFile("portscope-testbed", ".err");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            if (stdin == null) {
                builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            }
            Process process = builder.start();
            if (stdin != null) {
                try (OutputStream in = process.getOutputStream()) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // The program closed its stdin early; its exit status tells the rest.
                }
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new TestbedException(String.join(" ", shown) + " did not finish within " + timeout);
            }
            return new ExecResult(shown, process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new TestbedException("cannot run " + String.join(" ", shown) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestbedException("interrupted while running " + String.join(" ", shown), e);
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
            // a temp file left in /tmp is harmless
        }
    }
}
