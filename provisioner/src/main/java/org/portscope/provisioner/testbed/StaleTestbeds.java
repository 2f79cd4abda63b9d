package org.portscope.provisioner.testbed;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Testbeds whose JVM is gone (killed before its shutdown hook could run): each testbed directory
 * records its owner's pid and start time, and a testbed whose owner no longer runs is removed
 * when the next one starts, so crashed runs do not pile up namespaces on a CI machine.
 */
final class StaleTestbeds {

    static final String DIRECTORY_PREFIX = "portscope-testbed-";
    private static final String OWNER = "owner";
    private static final System.Logger LOG = System.getLogger(StaleTestbeds.class.getName());

    private StaleTestbeds() {
    }

    /** Records this JVM as the owner: {@code PID START_MILLIS}. */
    static void writeOwner(Path dir) throws IOException {
        ProcessHandle self = ProcessHandle.current();
        Files.writeString(dir.resolve(OWNER), self.pid() + " " + startMillis(self).orElse(0L) + "\n");
    }

    /** Removes the testbeds under {@code tempRoot} whose owner has exited; never fails the caller. */
    static void remove(Path tempRoot) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tempRoot, DIRECTORY_PREFIX + "*")) {
            for (Path dir : dirs) {
                String prefix = dir.getFileName().toString().substring(DIRECTORY_PREFIX.length());
                if (Files.isDirectory(dir) && isStale(dir.resolve(OWNER))) {
                    LOG.log(Level.INFO, "removing testbed {0}: the JVM that built it is gone", prefix);
                    Testbed.removeLeftovers(prefix);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not remove stale testbeds under " + tempRoot + ": " + e);
        }
    }

    /** Stale: the owner file names a process that is not running (or is another one, same pid). */
    static boolean isStale(Path ownerFile) {
        String[] fields;
        try {
            fields = Files.readString(ownerFile).strip().split(" ");
        } catch (IOException e) {
            return false; // being created right now, or not ours: leave it alone
        }
        if (fields.length != 2 || !fields[0].matches("[0-9]{1,10}") || !fields[1].matches("[0-9]{1,19}")) {
            return false;
        }
        long started = Long.parseLong(fields[1]);
        Optional<ProcessHandle> owner = ProcessHandle.of(Long.parseLong(fields[0]));
        return owner.isEmpty() || !owner.get().isAlive()
                || (started != 0 && startMillis(owner.get()).map(s -> s != started).orElse(false));
    }

    private static Optional<Long> startMillis(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli);
    }
}
