package org.portscope.provisioner.ssh;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Commands and files on a node, as the login user or as root. Command lines are shown in errors,
 * so they must not carry secrets: secrets travel on standard input or as uploaded content.
 */
public final class RemoteShell implements org.portscope.provisioner.onboard.machine.Shell {

    private final SshSession ssh;
    private final boolean asRoot;
    private final RemoteFiles files;

    RemoteShell(SshSession ssh, boolean asRoot) {
        this.ssh = ssh;
        this.asRoot = asRoot;
        this.files = new RemoteFiles(this);
    }

    /** Whether commands go through {@code sudo -n}. */
    public boolean usesSudo() {
        return asRoot && ssh.target().privilege() == Privilege.SUDO;
    }

    /** Runs a shell command line and returns how it ended, whatever its exit status. */
    public ExecResult exec(String command) {
        return exec(command, null, ssh.options().commandTimeout());
    }

    /**
     * Runs a shell command line with {@code stdin} (may be null) as its standard input.
     *
     * @throws RemoteCommandException when it runs longer than {@code timeout} (it is then killed)
     */
    public ExecResult exec(String command, InputStream stdin, Duration timeout) {
        return execStep(command, command, stdin, timeout);
    }

    /**
     * Runs a step and returns its standard output.
     *
     * @param step what the step does, for messages (e.g. "install wireguard-tools")
     * @throws RemoteCommandException naming the node, the step, the command and the end of its
     *     standard error when it exits non-zero, is killed or times out
     */
    @Override
    public String run(String step, String command) {
        return run(step, command, null, ssh.options().commandTimeout()).stdoutText();
    }

    /** Runs a step with {@code stdin} (e.g. a secret) as its standard input. */
    @Override
    public String run(String step, String command, byte[] stdin) {
        return run(step, command, new ByteArrayInputStream(stdin), ssh.options().commandTimeout()).stdoutText();
    }

    /** Runs a step; the result has exit status 0. */
    @Override
    public ExecResult run(String step, String command, InputStream stdin, Duration timeout) {
        ExecResult result = execStep(step, command, stdin, timeout);
        if (!result.ok()) {
            throw failure(step, command, result);
        }
        return result;
    }

    RemoteCommandException failure(String step, String command, ExecResult result) {
        String why = result.exitSignal() != null ? "was killed by signal " + result.exitSignal()
                : "failed with exit status " + result.exitStatus();
        return new RemoteCommandException(ssh.target().describe(), step, command, result.exitStatus(), why,
                result.stderrText());
    }

    ExecResult execStep(String step, String command, InputStream stdin, Duration timeout) {
        String line = command;
        if (usesSudo()) {
            ssh.requireSudo();
            line = "sudo -n -- sh -c " + ShellQuote.quote(command);
        }
        return ssh.exec(step, line, stdin, timeout);
    }

    /**
     * Puts {@code content} at {@code remotePath} atomically: written to a temporary file in the same
     * folder (mode 0600 from its creation), given {@code mode} and {@code owner}, then renamed over
     * the target. Nothing is sent when the file already has this content, mode and owner.
     *
     * @param mode permission bits, e.g. {@code 0600}
     * @param owner {@code user} or {@code user:group}, or null to leave it to the writing user
     * @return whether the remote file changed
     */
    public boolean upload(byte[] content, String remotePath, int mode, String owner) {
        return files.upload(LocalContent.of(content), remotePath, mode, owner);
    }

    /** {@link #upload(byte[], String, int, String)} streaming a local file (e.g. a large jar). */
    public boolean upload(Path localFile, String remotePath, int mode, String owner) {
        return files.upload(LocalContent.of(localFile), remotePath, mode, owner);
    }

    boolean upload(LocalContent content, String remotePath, int mode, String owner) {
        return files.upload(content, remotePath, mode, owner);
    }

    /** The remote file's bytes, or empty when it does not exist. */
    public Optional<byte[]> readFile(String remotePath) {
        return files.read(remotePath);
    }

    /** The remote file's SHA-256 in hex, or empty when it does not exist. */
    public Optional<String> sha256(String remotePath) {
        return files.sha256(remotePath);
    }

    Duration commandTimeout() {
        return ssh.options().commandTimeout();
    }
}
