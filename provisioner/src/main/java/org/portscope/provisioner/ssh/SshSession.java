package org.portscope.provisioner.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One SSH connection to a node, shared by every step of a converge: commands run on channels of
 * the same session, and a session the node dropped (an sshd restart, a keepalive timeout) is
 * opened again, host key checked again, on the next command. Thread-safe.
 *
 * <p>Commands run through {@link #user()} as the login user or {@link #root()} as root.
 */
public final class SshSession implements AutoCloseable {

    private final SshTarget target;
    private final SshOptions options;
    private final RemoteShell user;
    private final RemoteShell root;
    private Session session;
    private Optional<SshPublicKey> recordedHostKey = Optional.empty();
    private boolean sudoChecked;
    private boolean closed;

    private SshSession(SshTarget target, SshOptions options) {
        this.target = target;
        this.options = options;
        this.user = new RemoteShell(this, false);
        this.root = new RemoteShell(this, true);
    }

    /**
     * Connects, verifies the host key under the target's policy and logs in with its key.
     *
     * @throws HostKeyMismatchException when the node's host key is not the trusted one
     * @throws SshException when the node cannot be reached or refuses the key
     */
    public static SshSession open(SshTarget target, SshOptions options) {
        SshSession ssh = new SshSession(Objects.requireNonNull(target, "target"),
                Objects.requireNonNull(options, "options"));
        ssh.connect();
        return ssh;
    }

    public SshTarget target() {
        return target;
    }

    public SshOptions options() {
        return options;
    }

    /** Commands as the login user. */
    public RemoteShell user() {
        return user;
    }

    /** Commands as root: as they are for a root login, through {@code sudo -n} otherwise. */
    public RemoteShell root() {
        return root;
    }

    /** Whether the connection is up now (it is reopened on demand when it is not). */
    public synchronized boolean isConnected() {
        return !closed && session.isConnected();
    }

    private synchronized Session session() {
        if (closed) {
            throw new IllegalStateException("the SSH session to " + target.describe() + " is closed");
        }
        if (!session.isConnected()) {
            connect();
        }
        return session;
    }

    private synchronized void dropConnection() {
        session.disconnect();
    }

    private synchronized void connect() {
        SshConnector.Connection connection = SshConnector.connect(target, options);
        session = connection.session();
        if (connection.recordedHostKey().isPresent()) {
            recordedHostKey = connection.recordedHostKey();
        }
    }

    /**
     * The node's host key when this session met the node for the first time and recorded the key
     * (trust on first use), so the caller can show the operator what it now trusts.
     */
    public synchronized Optional<SshPublicKey> hostKeyRecordedOnFirstUse() {
        return recordedHostKey;
    }

    /**
     * Runs {@code command} through the login user's shell on its own channel and waits for it to
     * end (the channel's close, which comes after the exit status).
     */
    ExecResult exec(String step, String command, InputStream stdin, Duration timeout) {
        StdinSource in = new StdinSource(stdin);
        for (int attempt = 1; ; attempt++) {
            ChannelOutput out = new ChannelOutput();
            ChannelOutput err = new ChannelOutput();
            ChannelExec channel = newChannel(step);
            channel.setCommand(command.getBytes(StandardCharsets.UTF_8));
            if (stdin != null) {
                channel.setInputStream(in, true); // the caller owns it; JSch would close it on a failed open
            }
            channel.setOutputStream(out);
            channel.setErrStream(err); // before connect, or early stderr is lost
            try {
                channel.connect((int) options.connectTimeout().toMillis());
                if (stdin == null) {
                    // No input: end it at once instead of giving JSch an empty stream to pump. Its pump
                    // thread is started after the exec request, and a command that ended before that
                    // made JSch fail with a NullPointerException (its channel already closed).
                    channel.getOutputStream().close();
                }
            } catch (IOException e) {
                // the channel closed already: the command ended without needing its input
            } catch (JSchException e) {
                if (attempt == 1 && "session is down".equals(e.getMessage())) {
                    continue; // dropped before the channel opened: the command never started, reconnect
                }
                throw new SshException(target.describe() + ": cannot start step '" + step + "': "
                        + e.getMessage(), e);
            }
            try {
                return await(step, command, channel, in, out, err, timeout);
            } finally {
                channel.disconnect();
            }
        }
    }

    private ChannelExec newChannel(String step) {
        try {
            return (ChannelExec) session().openChannel("exec");
        } catch (JSchException e) {
            throw new SshException(target.describe() + ": cannot open a channel for step '" + step + "': "
                    + e.getMessage(), e);
        }
    }

    private ExecResult await(String step, String command, ChannelExec channel, StdinSource in, ChannelOutput out,
            ChannelOutput err, Duration timeout) {
        try {
            if (!err.awaitClose(timeout)) {
                kill(channel);
                throw new RemoteCommandException(target.describe(), step, command, -1,
                        "did not finish within " + timeout.toMillis() + " ms and was killed", err.text());
            }
        } catch (InterruptedException e) {
            kill(channel);
            Thread.currentThread().interrupt();
            throw new SshException(target.describe() + ": interrupted during step '" + step + "'", e);
        }
        in.rethrowFailure(target.describe(), step);
        if (channel.getExitStatus() < 0 && channel.getExitSignal() == null) {
            // sshd ends every command with an exit status or signal: neither means the connection
            // went down, even when JSch has not noticed yet. Drop it so the next step reconnects.
            dropConnection();
            throw new SshException(target.describe() + ": connection lost during step '" + step + "'");
        }
        return new ExecResult(channel.getExitStatus(), channel.getExitSignal(), out.toByteArray(), err.toByteArray());
    }

    /** Checks once per session that sudo works without a password, before the first root command. */
    synchronized void requireSudo() {
        if (sudoChecked) {
            return;
        }
        ExecResult probe = exec("check sudo", "sudo -n true", null, options.connectTimeout());
        if (!probe.ok()) {
            String stderr = probe.stderrText();
            String why = stderr.contains("password is required")
                    ? "user " + target.user() + " needs a password for sudo, and root steps run with"
                            + " 'sudo -n', which never prompts: give it a NOPASSWD sudoers rule or log in as root"
                    : probe.exitStatus() == 127 || stderr.contains("not found")
                            ? "sudo is not installed: install it or log in as root"
                            : "'sudo -n true' failed with exit status " + probe.exitStatus() + ": "
                                    + RemoteCommandException.tail(stderr);
            throw new SshException(target.describe() + ": " + why);
        }
        sudoChecked = true;
    }

    private static void kill(ChannelExec channel) {
        try {
            channel.sendSignal("KILL");
        } catch (Exception ignored) {
            // the channel is closed next anyway; a server without signal support just drops it
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        session.disconnect();
    }
}
