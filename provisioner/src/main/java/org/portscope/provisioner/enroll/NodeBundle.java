package org.portscope.provisioner.enroll;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.portscope.provisioner.onboard.machine.Assets;
import org.portscope.provisioner.onboard.machine.Layout;
import org.portscope.provisioner.onboard.machine.RemoteFile;

/**
 * The node bundle the hub serves to enrolling nodes ({@code GET /v1/bundle}): a tar.gz of what
 * onboarding installs as the sensor (launcher, jar, every plugin of the sensor bundle), with paths
 * relative to {@code /}, so {@code tar -xzf B -C /} installs it where onboarding would. Built the
 * same from the same files, byte for byte (no times, owners root), so its SHA-256 is stable and
 * re-uploading it changes nothing.
 */
public final class NodeBundle {

    /** Where the hub converge puts it on the hub (readable by the hub service). */
    public static final String ON_HUB = Layout.HUB_INSTALL_DIR + "/node-bundle.tar.gz";

    private NodeBundle() {
    }

    /** The bundle's bytes, from the sensor bundle of {@code assets}. */
    public static byte[] build(Assets assets) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            for (RemoteFile file : assets.sensor(plugins(assets.bundle()))) {
                byte[] content = file.bytes() != null ? file.bytes() : Files.readAllBytes(file.local());
                gzip.write(header(file.path().substring(1), file.mode(), content.length));
                gzip.write(content);
                gzip.write(new byte[(512 - content.length % 512) % 512]);
            }
            gzip.write(new byte[1024]); // two empty blocks end the archive
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the node bundle from " + assets.bundle() + ": " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    /** Every plugin jar of the sensor bundle, by name (the plugin id). */
    static List<String> plugins(Path bundle) throws IOException {
        try (Stream<Path> jars = Files.list(bundle.resolve("plugins"))) {
            return jars.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        }
    }

    /** A ustar header for a regular file owned by root, time 0. */
    static byte[] header(String name, int mode, long size) {
        byte[] name8 = name.getBytes(StandardCharsets.UTF_8);
        if (name8.length > 100) {
            throw new IllegalArgumentException("path in the node bundle longer than 100 bytes: " + name);
        }
        byte[] h = new byte[512];
        System.arraycopy(name8, 0, h, 0, name8.length);
        octal(h, 100, 8, mode);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, 0);
        h[156] = '0';
        put(h, 257, "ustar\0" + "00");
        put(h, 265, "root");
        put(h, 297, "root");
        java.util.Arrays.fill(h, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xFF;
        }
        octal(h, 148, 7, sum);
        return h;
    }

    /** {@code width - 1} octal digits and a NUL. */
    private static void octal(byte[] h, int at, int width, long value) {
        String digits = Long.toOctalString(value);
        String padded = "0".repeat(width - 1 - digits.length()) + digits;
        put(h, at, padded);
        h[at + width - 1] = 0;
    }

    private static void put(byte[] h, int at, String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, at, b.length);
    }
}
