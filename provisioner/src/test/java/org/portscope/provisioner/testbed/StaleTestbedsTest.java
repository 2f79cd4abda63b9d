package org.portscope.provisioner.testbed;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleTestbedsTest {

    @TempDir
    Path dir;

    @Test
    void aTestbedOfThisJvmIsNotStale() throws IOException {
        StaleTestbeds.writeOwner(dir);
        assertFalse(StaleTestbeds.isStale(dir.resolve("owner")));
    }

    @Test
    void aTestbedWhoseJvmExitedIsStale() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(dir.resolve("owner"), gone.pid() + " 0\n");
        assertTrue(StaleTestbeds.isStale(dir.resolve("owner")));
    }

    @Test
    void aReusedPidIsStale() throws IOException {
        // Our pid with another start time: the owner died and the pid went to this JVM.
        Files.writeString(dir.resolve("owner"), ProcessHandle.current().pid() + " 1\n");
        assertTrue(StaleTestbeds.isStale(dir.resolve("owner")));
    }

    @Test
    void whatItCannotReadItLeavesAlone() throws IOException {
        assertFalse(StaleTestbeds.isStale(dir.resolve("owner")), "no owner file yet");
        Files.writeString(dir.resolve("owner"), "not a pid\n");
        assertFalse(StaleTestbeds.isStale(dir.resolve("owner")));
    }
}
