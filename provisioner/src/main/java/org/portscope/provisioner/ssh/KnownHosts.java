package org.portscope.provisioner.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The provisioner's known_hosts file, in OpenSSH's format so {@code ssh -o UserKnownHostsFile=}
 * reads it too. Lines name hosts as {@code host} (port 22) or {@code [host]:port}, plain or hashed
 * ({@code |1|salt|hash}, as {@code ssh-keygen -H} writes); wildcard patterns and {@code @marker}
 * lines are ignored. Checking and recording happen under one lock (in this JVM and across
 * processes), so parallel first connections to one host cannot record two different keys.
 */
public final class KnownHosts {

    /** What the file says about a key a host presented. */
    public sealed interface Verdict {
        /** The key was already recorded for the host. */
        record Known() implements Verdict { }

        /** The host had no entry; the key is now recorded. */
        record Recorded() implements Verdict { }

        /** The host has entries, none of them this key. */
        record Mismatch(List<SshPublicKey> recorded) implements Verdict { }
    }

    private static final ConcurrentMap<Path, Object> LOCKS = new ConcurrentHashMap<>();

    private final Path file;

    private KnownHosts(Path file) {
        this.file = file;
    }

    public static KnownHosts at(Path file) {
        return new KnownHosts(Objects.requireNonNull(file, "file").toAbsolutePath().normalize());
    }

    public Path file() {
        return file;
    }

    /** How OpenSSH names {@code host} on {@code port} in the file. */
    public static String hostName(String host, int port) {
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    /** The keys recorded for the host, in file order. */
    public List<SshPublicKey> lookup(String host, int port) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return keysFor(hostName(host, port), Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read known hosts file " + file, e);
        }
    }

    /** Accepts a key already recorded, records the key of a host not yet in the file, refuses others. */
    public Verdict verifyOrRecord(String host, int port, SshPublicKey seen) {
        synchronized (LOCKS.computeIfAbsent(file, f -> new Object())) {
            try {
                Files.createDirectories(file.getParent(),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                        FileLock lock = channel.lock()) {
                    List<SshPublicKey> recorded = lookup(host, port);
                    if (recorded.contains(seen)) {
                        return new Verdict.Known();
                    }
                    if (!recorded.isEmpty()) {
                        return new Verdict.Mismatch(recorded);
                    }
                    String line = hostName(host, port) + " " + seen.toOpenSsh() + "\n";
                    channel.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
                    channel.force(false);
                    return new Verdict.Recorded();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot record the host key of " + hostName(host, port)
                        + " in " + file, e);
            }
        }
    }

    private static List<SshPublicKey> keysFor(String name, List<String> lines) {
        List<SshPublicKey> keys = new ArrayList<>();
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("@")) {
                continue;
            }
            String[] fields = trimmed.split("\\s+", 3);
            if (fields.length == 3 && namesHost(fields[0], name)) {
                try {
                    keys.add(SshPublicKey.parseLine(fields[1] + " " + fields[2]));
                } catch (IllegalArgumentException unreadable) {
                    // a line this reader does not understand trusts nothing
                }
            }
        }
        return keys;
    }

    private static boolean namesHost(String patterns, String name) {
        for (String pattern : patterns.split(",")) {
            if (pattern.equals(name) || (pattern.startsWith("|1|") && hashedMatches(pattern, name))) {
                return true;
            }
        }
        return false;
    }

    /** {@code |1|base64(salt)|base64(HMAC-SHA1(salt, name))}, as OpenSSH hashes host names. */
    private static boolean hashedMatches(String pattern, String name) {
        String[] parts = pattern.split("\\|");
        if (parts.length != 4) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(parts[2]), "HmacSHA1"));
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return MessageDigest.isEqual(expected, mac.doFinal(name.getBytes(StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }
}
