package org.portscope.provisioner.testbed;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The OpenSSH client run from the root namespace against a testbed host, strict about host keys:
 * only the given known_hosts file counts, and an unknown or changed key fails the connection.
 */
final class SshClient {

    private SshClient() {
    }

    static ExecResult run(Host host, String user, Path key, Path knownHosts, String remoteCommand) {
        return run(host, user, key, knownHosts, List.of(), Map.of(), remoteCommand);
    }

    static ExecResult run(Host host, String user, Path key, Path knownHosts, List<String> options,
            Map<String, String> environment, String remoteCommand) {
        List<String> command = new ArrayList<>(List.of("env"));
        environment.forEach((name, value) -> command.add(name + "=" + value));
        command.addAll(List.of("ssh", "-F", "none", "-o", "StrictHostKeyChecking=yes",
                "-o", "UserKnownHostsFile=" + knownHosts, "-o", "GlobalKnownHostsFile=/dev/null",
                "-o", "IdentitiesOnly=yes", "-o", "ConnectTimeout=10", "-o", "LogLevel=ERROR",
                "-i", key.toString(), "-p", Integer.toString(host.sshPort())));
        if (!environment.containsKey("SSH_ASKPASS")) {
            command.addAll(List.of("-o", "BatchMode=yes"));
        }
        command.addAll(options);
        command.add(user + "@" + host.address());
        command.add(remoteCommand);
        return Processes.run(command, null, Duration.ofSeconds(30), java.util.Set.copyOf(environment.values()));
    }
}
