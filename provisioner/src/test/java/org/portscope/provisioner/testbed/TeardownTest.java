package org.portscope.provisioner.testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeardownTest {

    @TempDir
    Path dir;

    @Test
    void deletesTheTreeButNotWhatItsLinksPointTo() throws IOException {
        Path outside = Files.writeString(dir.resolve("outside.txt"), "keep");
        Path outsideDir = Files.createDirectory(dir.resolve("outside"));
        Files.writeString(outsideDir.resolve("also-kept"), "keep");
        Path tree = dir.resolve("portscope-testbed-pstx");
        Files.createDirectories(tree.resolve("hosts/node1/upper/etc/wireguard"));
        Files.writeString(tree.resolve("hosts/node1/upper/etc/wireguard/marker"), "x");
        Files.createSymbolicLink(tree.resolve("hosts/node1/link-to-file"), outside);
        Files.createSymbolicLink(tree.resolve("hosts/node1/link-to-dir"), outsideDir);

        Teardown.deleteTree(tree);

        assertFalse(Files.exists(tree));
        assertEquals("keep", Files.readString(outside));
        assertTrue(Files.exists(outsideDir.resolve("also-kept")));
        Teardown.deleteTree(tree); // gone already: nothing to do
    }
}
