package org.portscope.provisioner.testbed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The OpenSSH side of a testbed: the client keys, each host's host keys and sshd config, and
 * starting sshd on a host. A host reads its files at {@code /run/testbed} (see {@link HostHolder}).
 */
final class Sshd {

    static final int PORT = 22;
    static final String IN_HOST = "/run/testbed";
    static final String ED25519_HOST_KEY = "ssh_host_ed25519_key";
    static final String RSA_HOST_KEY = "ssh_host_rsa_key";

    private Sshd() {
    }

    /** Makes the client keys in {@code dir} (created, mode 0700) and returns them. */
    static ClientKeys makeClientKeys(Path dir, boolean rsa, SecureRandom random) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        byte[] secret = new byte[18];
        random.nextBytes(secret);
        String passphrase = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Path plain = keygen(dir.resolve("id_ed25519"), "ed25519", "", "portscope-testbed");
        Path encrypted = keygen(dir.resolve("id_ed25519_encrypted"), "ed25519", passphrase, "portscope-testbed");
        Path rsaKey = rsa ? keygen(dir.resolve("id_rsa"), "rsa", "", "portscope-testbed") : null;
        return new ClientKeys(plain, encrypted, passphrase, rsaKey);
    }

    /** The {@code authorized_keys} text that lets every client key in. */
    static String authorizedKeys(ClientKeys keys) throws IOException {
        List<Path> all = new ArrayList<>(List.of(keys.ed25519(), keys.ed25519Encrypted()));
        keys.rsaIfAny().ifPresent(all::add);
        StringBuilder text = new StringBuilder();
        for (Path key : all) {
            text.append(Files.readString(Path.of(key + ".pub")).strip()).append('\n');
        }
        return text.toString();
    }

    /**
     * Writes a host's sshd files into {@code sshDir} (which the host sees at {@link #IN_HOST}):
     * host keys, config, authorized_keys. Returns the host keys, Ed25519 first.
     */
    static List<HostKey> prepareHost(Path sshDir, String hostName, String address, boolean rsa,
            String authorizedKeys) throws IOException {
        List<HostKey> keys = makeHostKeys(sshDir, hostName, rsa);
        // Readable by all: sshd reads authorized_keys as the user logging in (the admin user too).
        Files.writeString(sshDir.resolve("authorized_keys"), authorizedKeys);
        Files.writeString(sshDir.resolve("sshd_config"), config(address, rsa));
        return keys;
    }

    /** Makes (or replaces) a host's host keys, Ed25519 first. */
    static List<HostKey> makeHostKeys(Path sshDir, String hostName, boolean rsa) throws IOException {
        List<HostKey> keys = new ArrayList<>();
        keys.add(hostKey(sshDir.resolve(ED25519_HOST_KEY), "ed25519", hostName));
        if (rsa) {
            keys.add(hostKey(sshDir.resolve(RSA_HOST_KEY), "rsa", hostName));
        }
        return keys;
    }

    private static HostKey hostKey(Path file, String type, String hostName) throws IOException {
        Path pub = Path.of(file + ".pub");
        // ssh-keygen asks before overwriting; there is nobody to answer.
        Files.deleteIfExists(file);
        Files.deleteIfExists(pub);
        keygen(file, type, "", "root@" + hostName);
        return HostKey.parse(Files.readString(pub));
    }

    /** An sshd config for one host: its own address, keys and no PAM, systemd or pid file. */
    static String config(String address, boolean rsa) {
        return """
                # Written by the portscope testbed for one emulated host.
                ListenAddress %1$s
                Port %2$d
                HostKey %3$s/%4$s
                %5$sPidFile none
                UsePAM no
                # The key files live under a temp folder, not in ~/.ssh with its checked modes.
                StrictModes no
                PermitRootLogin prohibit-password
                PasswordAuthentication no
                KbdInteractiveAuthentication no
                AuthorizedKeysFile %3$s/authorized_keys
                Subsystem sftp internal-sftp
                PrintMotd no
                """.formatted(address, PORT, IN_HOST, ED25519_HOST_KEY,
                rsa ? "HostKey " + IN_HOST + "/" + RSA_HOST_KEY + "\n" : "");
    }

    /** How sshd is started on a host: in the foreground, logging to stderr, ready once it listens. */
    static Launch launch(String address) {
        return new Launch("sshd", List.of("/usr/sbin/sshd", "-D", "-e", "-f", IN_HOST + "/sshd_config"),
                java.util.Map.of(), Pattern.compile("Server listening on " + Pattern.quote(address) + " port " + PORT),
                Duration.ofSeconds(30));
    }

    private static Path keygen(Path file, String type, String passphrase, String comment) {
        List<String> command = new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type));
        if (type.equals("rsa")) {
            command.addAll(List.of("-b", "3072"));
        }
        command.addAll(List.of("-N", passphrase, "-C", comment, "-f", file.toString()));
        Processes.run(command, null, Processes.DEFAULT_TIMEOUT,
                passphrase.isEmpty() ? Set.of() : Set.of(passphrase)).requireSuccess();
        return file;
    }
}
