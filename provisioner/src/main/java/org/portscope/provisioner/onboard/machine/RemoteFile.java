package org.portscope.provisioner.onboard.machine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A file that should be on a machine: its content (bytes or a local file), where, with which mode
 * and owner.
 *
 * @param path absolute path on the machine
 * @param mode permission bits, e.g. {@code 0644}
 * @param owner {@code user:group}
 * @param bytes the content, or null when {@code local} is given
 * @param local a local file with the content, or null
 * @param sha256 hex SHA-256 of the content
 */
public record RemoteFile(String path, int mode, String owner, byte[] bytes, Path local, String sha256) {

    public RemoteFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(sha256, "sha256");
        if ((bytes == null) == (local == null)) {
            throw new IllegalArgumentException(path + ": give the content as bytes or as a local file");
        }
    }

    public static RemoteFile of(String path, int mode, String owner, byte[] bytes) {
        return new RemoteFile(path, mode, owner, bytes.clone(), null, hex(digest().digest(bytes)));
    }

    public static RemoteFile of(String path, int mode, String owner, Path local) {
        MessageDigest digest = digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(local), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + local + " to upload it as " + path, e);
        }
        return new RemoteFile(path, mode, owner, null, local, hex(digest.digest()));
    }

    /** What {@code stat -c '%a %U:%G'} prints for the wanted mode and owner. */
    String wantedStat() {
        return Integer.toOctalString(mode) + " " + owner;
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    @Override
    public String toString() {
        return "RemoteFile[" + path + "]"; // content may be secret
    }
}
