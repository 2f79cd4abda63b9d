package org.portscope.provisioner.provider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The provider's SSH private key (a Pulumi secret) as the file the SSH layer reads: in a folder of
 * its own (0700) on a memory file system where there is one ({@code /dev/shm}), the file 0600, both
 * removed when the provider closes it (on Configure again, and when the engine ends the provider).
 */
final class PrivateKeyFile implements AutoCloseable {

    private final Path dir;
    private final Path file;

    private PrivateKeyFile(Path dir, Path file) {
        this.dir = dir;
        this.file = file;
    }

    static PrivateKeyFile write(String key) {
        Path shm = Path.of("/dev/shm");
        Path base = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
        try {
            Path dir = Files.createTempDirectory(base, "portscope-provider-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path file = Files.createFile(dir.resolve("ssh-key"),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            String text = key.strip() + "\n"; // OpenSSH refuses a key file without its final newline
            Files.write(file, text.getBytes(StandardCharsets.UTF_8));
            return new PrivateKeyFile(dir, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the provider's SSH key to a private temporary file under "
                    + base + ": " + e.getMessage(), e);
        }
    }

    Path path() {
        return file;
    }

    /** A file beside the key (known_hosts the SSH layer needs a path for; pinned keys never write it). */
    Path sibling(String name) {
        return dir.resolve(name);
    }

    /** Writes another secret beside the key, 0600, and returns its path (kept until {@link #close()}). */
    synchronized Path writeSibling(String name, byte[] content) {
        Path file = dir.resolve(name);
        try {
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.write(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            try (var files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            System.err.println("portscope provider: cannot remove " + dir + ": " + e.getMessage());
        }
    }
}
