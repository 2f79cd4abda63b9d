package org.portscope.provisioner.wireguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {

    @TempDir
    Path dir;

    private final SecureRandom random = new SecureRandom();

    @Test
    void privateKeyFileIsOwnerOnlyAndInWgFormat() throws IOException {
        WgPrivateKey key = WgPrivateKey.generate(random);
        Path file = dir.resolve("wg0.key");
        KeyFiles.writePrivateKey(file, key);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(key.toBase64() + "\n", Files.readString(file));
        assertEquals(key, KeyFiles.readPrivateKey(file));
        assertEquals(List.of(file), listing(), "no temporary file left behind");
    }

    @Test
    void replacingAWorldReadableFileLeavesAnOwnerOnlyOne() throws IOException {
        Path file = dir.resolve("wg0.psk");
        Files.writeString(file, "old\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        WgPresharedKey psk = WgPresharedKey.generate(random);
        KeyFiles.writePresharedKey(file, psk);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(psk.toBase64() + "\n", Files.readString(file));
        assertEquals(List.of(file), listing());
    }

    @Test
    void aFileThatIsNotAKeyIsNamedNotQuoted() throws IOException {
        Path file = dir.resolve("broken.key");
        Files.writeString(file, "this-is-secret-but-not-a-key\n");
        IOException e = assertThrows(IOException.class, () -> KeyFiles.readPrivateKey(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("this-is-secret"), e.getMessage());
    }

    @Test
    void aMissingDirectoryFailsWithoutCreatingAnything() {
        Path file = dir.resolve("absent/wg0.key");
        assertThrows(IOException.class,
                () -> KeyFiles.writePrivateKey(file, WgPrivateKey.generate(random)));
        assertFalse(Files.exists(file.getParent()));
    }

    private List<Path> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
