package org.portscope.provisioner.onboard.machine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.portscope.provisioner.ssh.ExecResult;

/**
 * Onboarding's steps on this machine ({@code sh -c}), as the user running it (root, for
 * enrollment): what a node runs when it enrolls by token instead of being reached over SSH.
 */
public final class LocalShell implements Shell {

    @Override
    public ExecResult run(String step, String command, InputStream stdin, Duration timeout) {
        Process process;
        try {
            process = new ProcessBuilder("sh", "-c", command).start();
        } catch (IOException e) {
            throw new UncheckedIOException(step + ": cannot start sh", e);
        }
        CompletableFuture<byte[]> out = drain(process.getInputStream());
        CompletableFuture<byte[]> err = drain(process.getErrorStream());
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                stdin.transferTo(in);
            }
        } catch (IOException e) {
            // the command ended without reading all of its input: its exit status says why
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("step '" + step + "' did not end within " + timeout.toSeconds() + " s");
            }
            ExecResult result = new ExecResult(process.exitValue(), null, out.join(), err.join());
            if (!result.ok()) {
                String tail = result.stderrText().strip();
                tail = tail.length() > 2000 ? "..." + tail.substring(tail.length() - 2000) : tail;
                throw new IllegalStateException("step '" + step + "' failed with exit status " + result.exitStatus()
                        + (tail.isEmpty() ? "" : ": " + tail));
            }
            return result;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("step '" + step + "' was interrupted", e);
        }
    }

    private static CompletableFuture<byte[]> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return stream.readAllBytes();
            } catch (IOException e) {
                return ("(cannot read the output: " + e.getMessage() + ")").getBytes(StandardCharsets.UTF_8);
            }
        });
    }
}
