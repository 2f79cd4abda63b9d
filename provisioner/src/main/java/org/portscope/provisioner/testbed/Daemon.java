package org.portscope.provisioner.testbed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A long-running process on a host, started in the foreground so its process is the daemon
 * itself. Its stdout and stderr go, line by line, to a log file; readiness is the first line
 * matching {@link Launch#readyLine()}, an event, not a guess at how long start-up takes.
 * The testbed kills every process of its hosts on close, daemons included.
 */
public final class Daemon implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();

    private Daemon(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code command} (the launch's command, already wrapped to run on the host) and waits until ready. */
    static Daemon start(String hostName, Launch launch, List<String> command, Path log) {
        String name = launch.label() + " on " + hostName;
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(launch.environment());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new TestbedException("cannot start " + name + " (" + String.join(" ", command) + "): "
                    + e.getMessage(), e);
        }
        Daemon daemon = new Daemon(name, process, log);
        Thread drain = new Thread(() -> daemon.drain(launch), "testbed " + name);
        drain.setDaemon(true);
        drain.start();
        if (launch.readyLine() == null) {
            daemon.ready.complete(null);
        }
        process.onExit().thenRun(() -> {
            // Lines it wrote just before exiting may still be in the pipe: let the drain see them.
            joinQuietly(drain);
            daemon.ready.completeExceptionally(new TestbedException(
                    name + " exited with status " + process.exitValue() + " before it was ready"));
        });
        daemon.awaitReady(launch);
        return daemon;
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(1000); // bounded: a child of the daemon may hold the pipe open
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain(Launch launch) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)); Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(line);
                out.write('\n');
                out.flush(); // the log is read on failure and by people, while the daemon runs
                if (launch.readyLine() != null && launch.readyLine().matcher(line).find()) {
                    ready.complete(null);
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(new TestbedException("cannot log " + name + " to " + log, e));
        }
    }

    private void awaitReady(Launch launch) {
        try {
            ready.get(launch.readyTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            stop();
            throw new TestbedException(name + " did not log a line matching '" + launch.readyLine()
                    + "' within " + launch.readyTimeout() + tail());
        } catch (ExecutionException e) {
            stop();
            throw new TestbedException(e.getCause().getMessage() + tail(), e.getCause());
        } catch (InterruptedException e) {
            stop();
            Thread.currentThread().interrupt();
            throw new TestbedException("interrupted while starting " + name, e);
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "; its log " + log + " ends:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20),
                    lines.size()));
        } catch (IOException e) {
            return "; its log " + log + " is unreadable: " + e.getMessage();
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The file that receives its stdout and stderr. */
    public Path log() {
        return log;
    }

    /** SIGTERM, then SIGKILL if it has not exited within 5 seconds. Idempotent. */
    public void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ")";
    }
}
