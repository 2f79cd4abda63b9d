package org.portscope.provisioner.ssh;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Bytes to upload, with their SHA-256 (hex) known before sending, so identical remote content is
 * detected without sending it.
 *
 * @param description what the bytes are, for messages
 * @param sha256 lowercase hex SHA-256 of what {@code source} yields
 * @param source opens the bytes, once per upload
 */
record LocalContent(String description, String sha256, Source source) {

    /** Opens the content for reading. */
    interface Source {
        InputStream open() throws IOException;
    }

    LocalContent {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(source, "source");
    }

    static LocalContent of(byte[] bytes) {
        Objects.requireNonNull(bytes, "content");
        byte[] copy = bytes.clone();
        return new LocalContent(copy.length + " bytes", sha256(copy), () -> new ByteArrayInputStream(copy));
    }

    static LocalContent of(Path file) {
        Objects.requireNonNull(file, "localFile");
        MessageDigest digest = digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read local file " + file + " to upload", e);
        }
        return new LocalContent(file.toString(), HexFormat.of().formatHex(digest.digest()),
                () -> Files.newInputStream(file));
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
