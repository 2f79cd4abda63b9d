package org.portscope.provisioner.onboard.machine;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import org.portscope.provisioner.ssh.ExecResult;

/**
 * Where onboarding's steps run their commands, as root: a machine over SSH
 * ({@link org.portscope.provisioner.ssh.RemoteShell}) or the machine itself, when a node enrolls
 * by token ({@link LocalShell}). The steps ({@link MachineSteps}, {@link Services},
 * {@link FileSync}, {@link MachineFacts}) are the same either way. Command lines appear in errors,
 * so they must not carry secrets: secrets travel on standard input.
 */
public interface Shell {
    /** The default time a step may take. */
    Duration STEP_TIMEOUT = Duration.ofMinutes(2);

    /**
     * Runs a step; the result has exit status 0.
     *
     * @throws RuntimeException naming the step, the command and the end of its error output when
     *     it fails or runs longer than {@code timeout}
     */
    ExecResult run(String step, String command, InputStream stdin, Duration timeout);

    /** Runs a step and returns its standard output. */
    default String run(String step, String command) {
        return run(step, command, null, STEP_TIMEOUT).stdoutText();
    }

    /** Runs a step with {@code stdin} (e.g. a secret) as its standard input. */
    default String run(String step, String command, byte[] stdin) {
        return run(step, command, new ByteArrayInputStream(stdin), STEP_TIMEOUT).stdoutText();
    }
}
