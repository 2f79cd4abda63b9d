package org.portscope.provisioner.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.portscope.provisioner.testbed.Testbed;

/**
 * One demo per machine: the running demo's pid in {@code DIR/demo.pid}. A pid file whose process
 * is gone is a crashed demo, whose leftovers are removed before a new one starts.
 */
final class DemoLock {

    private static final String PID_FILE = "demo.pid";

    private DemoLock() {
    }

    /** Fails when another live demo holds the folder. */
    static void refuseIfRunning(Path dir) {
        running(dir).ifPresent(pid -> {
            throw new DemoException("a demo is running (pid " + pid + "): stop it with Ctrl-C where it runs, or kill "
                    + pid + " and then run 'portscope demo --down'");
        });
    }

    /** Takes the folder for this JVM, removing a crashed demo's leftovers first. */
    static void take(Path dir) {
        refuseIfRunning(dir);
        if (Files.exists(dir)) {
            Testbed.removeLeftovers(Demo.PREFIX);
            Demo.deleteDirectory(dir);
        }
        try {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.writeString(dir.resolve(PID_FILE), ProcessHandle.current().pid() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the demo's folder " + dir, e);
        }
    }

    private static Optional<Long> running(Path dir) {
        try {
            String text = Files.readString(dir.resolve(PID_FILE)).strip();
            long pid = Long.parseLong(text);
            boolean alive = pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            return alive ? Optional.of(pid) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty(); // no demo, or a half-written pid file of a crashed one
        }
    }
}
