package org.portscope.provisioner.ssh;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.portscope.provisioner.testing.Prerequisites;
import org.portscope.provisioner.testing.Proc;

/**
 * A real OpenSSH server on loopback for one test class: its own config, host keys (Ed25519,
 * ECDSA, RSA) and authorized_keys file in a test folder, a free port, started in the foreground
 * and known to be ready when it logs "Server listening". Only SHA-2 signatures are accepted from
 * RSA client keys, as on any current OpenSSH.
 */
final class TestSshd implements AutoCloseable {

    private final Path dir;
    private final Process process;
    private final int port;
    private final StringBuffer log;

    private TestSshd(Path dir, Process process, int port, StringBuffer log) {
        this.dir = dir;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts sshd with its files in {@code dir}; skips (or fails with CI=true) without sshd or root. */
    static TestSshd start(Path dir) throws IOException, InterruptedException {
        Path sshd = Prerequisites.tool("sshd", "openssh-server");
        Prerequisites.tool("ssh-keygen", "openssh-client");
        Prerequisites.root("sshd logs users in, which takes root");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x")); // other users' logins read authorized_keys
        for (String type : List.of("ed25519", "ecdsa", "rsa")) {
            keygen(dir.resolve("ssh_host_" + type + "_key"), type, "", "host-" + type);
        }
        Files.writeString(dir.resolve("authorized_keys"), "");
        Files.createDirectories(Path.of("/run/sshd"));
        IOException lastFailure = null;
        for (int attempt = 0; attempt < 3; attempt++) { // a free port can be taken before sshd binds it
            int port = freePort();
            Path config = writeConfig(dir, port);
            Process process = new ProcessBuilder(sshd.toString(), "-D", "-e", "-f", config.toString())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            StringBuffer log = new StringBuffer();
            CompletableFuture<Void> listening = new CompletableFuture<>();
            Thread reader = new Thread(() -> readLog(process, port, log, listening), "sshd-log-" + port);
            reader.setDaemon(true);
            reader.start();
            try {
                listening.get(20, TimeUnit.SECONDS);
                return new TestSshd(dir, process, port, log);
            } catch (ExecutionException | TimeoutException e) {
                process.destroyForcibly().waitFor();
                lastFailure = new IOException("sshd did not start on port " + port + ":\n" + log, e);
            }
        }
        throw lastFailure;
    }

    private static void readLog(Process process, int port, StringBuffer log, CompletableFuture<Void> listening) {
        try (BufferedReader err = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = err.readLine(); line != null; line = err.readLine()) {
                log.append(line).append('\n');
                if (line.contains("Server listening on 127.0.0.1 port " + port)) {
                    listening.complete(null);
                }
            }
        } catch (IOException e) {
            log.append("(log read failed: ").append(e).append(")\n");
        }
        listening.completeExceptionally(new IOException("sshd exited"));
    }

    private static Path writeConfig(Path dir, int port) throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                "ListenAddress 127.0.0.1", "Port " + port, "PidFile none", "UsePAM no", "StrictModes no",
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "PasswordAuthentication no", "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "PubkeyAcceptedAlgorithms ssh-ed25519,ecdsa-sha2-nistp256,rsa-sha2-512,rsa-sha2-256",
                "LogLevel VERBOSE", "MaxSessions 20", "MaxStartups 50"));
        for (String type : List.of("ed25519", "ecdsa", "rsa")) {
            lines.add("HostKey " + dir.resolve("ssh_host_" + type + "_key"));
        }
        return Files.write(dir.resolve("sshd_config"), lines);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Makes a key pair with ssh-keygen; an empty passphrase leaves the key unencrypted. */
    static Path keygen(Path privateKey, String type, String passphrase, String comment) {
        List<String> command = new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", passphrase,
                "-C", comment, "-f", privateKey.toString()));
        if (type.equals("rsa")) {
            command.addAll(List.of("-b", "3072"));
        }
        Proc.run(command).requireSuccess();
        return privateKey;
    }

    /** Makes a client key pair in the server's folder and authorizes it for every user. */
    Path clientKey(String name, String type, String passphrase) throws IOException {
        Path key = keygen(dir.resolve(name), type, passphrase, name);
        Files.writeString(dir.resolve("authorized_keys"), Files.readString(Path.of(key + ".pub")),
                StandardOpenOption.APPEND);
        return key;
    }

    int port() {
        return port;
    }

    /** The server's public host key line of a type (ed25519, ecdsa, rsa). */
    String hostKeyLine(String type) {
        try {
            return Files.readString(hostKeyPub(type)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path hostKeyPub(String type) {
        return dir.resolve("ssh_host_" + type + "_key.pub");
    }

    /** What sshd has logged so far. */
    String log() {
        return log.toString();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
