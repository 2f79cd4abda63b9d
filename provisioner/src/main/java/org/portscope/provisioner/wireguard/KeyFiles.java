package org.portscope.provisioner.wireguard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Key files in the format {@code wg set ... private-key FILE} and {@code preshared-key FILE} read:
 * base64 and a newline. A file is born with mode 0600 (the permission is an attribute of the
 * create call, so there is no moment with wider access, whatever the umask) and replaces an old
 * one atomically, so a reader sees the old key or the new one, never half a key.
 */
public final class KeyFiles {

    /** rw------- : the only mode a secret key file gets. */
    public static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private KeyFiles() {
    }

    public static void writePrivateKey(Path file, WgPrivateKey key) throws IOException {
        writeSecret(file, key.toBase64());
    }

    public static void writePresharedKey(Path file, WgPresharedKey key) throws IOException {
        writeSecret(file, key.toBase64());
    }

    /** Reads a private key file; errors name the file, never its content. */
    public static WgPrivateKey readPrivateKey(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        try {
            return WgPrivateKey.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), null);
        }
    }

    private static void writeSecret(Path file, String base64) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        FileAttribute<Set<PosixFilePermission>> ownerOnly;
        try {
            ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
            // Hidden sibling: same file system, so the move below is a rename.
            Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp", ownerOnly);
            try {
                Files.writeString(tmp, base64 + "\n", StandardCharsets.US_ASCII);
                moveInto(tmp, target);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (UnsupportedOperationException e) {
            throw new IOException("refusing to write a key to " + target
                    + ": its file system cannot restrict the file to its owner (no POSIX permissions)");
        }
    }

    private static void moveInto(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot replace " + target + " atomically: " + e.getMessage(), e);
        }
    }
}
