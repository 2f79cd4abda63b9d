package org.portscope.provisioner.testbed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One emulated host of a {@link Testbed}: its own network namespace (underlay interface
 * {@code eth0} with {@link #address()}), its own mount and UTS namespaces (its own
 * {@code /etc}, {@code /run}, {@code /tmp}, hostname, user database; see the class comment of
 * {@code HostHolder} for the full list), and optionally an OpenSSH server on port 22.
 * <p>
 * Commands run "on the host" by entering its namespaces with {@code nsenter}; they inherit the
 * JVM's environment and run as root. All hosts share the machine's PID namespace: kill by pid,
 * never by process name, or you hit the other hosts' processes.
 */
public final class Host {

    private final HostSpec spec;
    private final String namespace;
    private final String address;
    private final Path dir;
    private final long holderPid;
    private final AtomicInteger daemons = new AtomicInteger();
    private volatile List<HostKey> hostKeys;
    private volatile Daemon sshd;

    Host(HostSpec spec, String namespace, String address, Path dir, long holderPid, List<HostKey> hostKeys) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.address = Objects.requireNonNull(address, "address");
        this.dir = Objects.requireNonNull(dir, "dir");
        this.holderPid = holderPid;
        this.hostKeys = List.copyOf(hostKeys);
    }

    public String name() {
        return spec.name();
    }

    public HostSpec.Role role() {
        return spec.role();
    }

    public HostSpec spec() {
        return spec;
    }

    /** The network namespace's name ({@code ip netns}), {@code PREFIX-NAME}. */
    public String namespace() {
        return namespace;
    }

    /** The host's IPv4 address on the underlay (on its {@code eth0}), reachable from the root namespace. */
    public String address() {
        return address;
    }

    /** The port its sshd listens on, on {@link #address()}. */
    public int sshPort() {
        requireSshd();
        return Sshd.PORT;
    }

    /** The sshd's Ed25519 host key. */
    public HostKey hostKey() {
        requireSshd();
        return hostKeys.get(0);
    }

    /** The sshd's RSA host key, if the spec asked for one. */
    public Optional<HostKey> rsaHostKey() {
        return hostKeys.stream().filter(k -> k.type().equals("ssh-rsa")).findFirst();
    }

    /** Every host key its sshd offers, Ed25519 first; empty without sshd. */
    public List<HostKey> hostKeys() {
        return hostKeys;
    }

    /** {@link Testbed#ADMIN_USER} if the host has it (passwordless sudo, the testbed's client keys). */
    public Optional<String> adminUser() {
        return spec.adminUser() ? Optional.of(Testbed.ADMIN_USER) : Optional.empty();
    }

    /**
     * The host's folder in the testbed directory, seen from the root namespace: {@code upper/etc/...}
     * holds what the host wrote below {@code /etc} (likewise for the other overlaid folders),
     * {@code logs/} the daemons' output.
     */
    public Path dir() {
        return dir;
    }

    /**
     * Gives the sshd new host keys and restarts it, as a reinstalled machine would: clients that
     * pinned the old key must now refuse it. {@link Testbed#knownHosts()} keeps the old keys.
     *
     * @return the new keys, Ed25519 first
     */
    public synchronized List<HostKey> regenerateHostKeys() {
        requireSshd();
        sshd.stop();
        try {
            hostKeys = List.copyOf(Sshd.makeHostKeys(dir.resolve("ssh"), name(), spec.rsaHostKey()));
        } catch (IOException e) {
            throw new TestbedException("host " + name() + ": cannot make new host keys: " + e.getMessage(), e);
        }
        startSshd();
        return hostKeys;
    }

    /** Its sshd daemon, if it runs one. */
    public Optional<Daemon> sshd() {
        return Optional.ofNullable(sshd);
    }

    synchronized void startSshd() {
        sshd = spawn(Sshd.launch(address));
    }

    /** The pid of the process holding the host's mount namespace; {@code nsenter --target} it. */
    public long holderPid() {
        return holderPid;
    }

    /** {@code command} wrapped to run on this host, for callers that need their own {@link ProcessBuilder}. */
    public List<String> commandOnHost(List<String> command) {
        List<String> full = new ArrayList<>(List.of("nsenter", "--target", Long.toString(holderPid),
                "--mount", "--uts", "--net", "--"));
        full.addAll(command);
        return full;
    }

    /** Runs a command on the host to completion (60 s at most), stdin empty. */
    public ExecResult exec(String... command) {
        return exec(Processes.DEFAULT_TIMEOUT, null, List.of(command));
    }

    /**
     * Runs a command on the host to completion.
     *
     * @param stdin text fed to it, or {@code null} for none
     * @throws TestbedException if it cannot start or does not finish within {@code timeout}
     */
    public ExecResult exec(Duration timeout, String stdin, List<String> command) {
        ExecResult result = Processes.run(commandOnHost(command), stdin, timeout, Set.of());
        return new ExecResult(command, result.exit(), result.out(), result.err());
    }

    /**
     * Starts a daemon on the host and, if the launch names a ready line, waits for it. Its output
     * goes to {@code dir()/logs/LABEL-N.log}.
     *
     * @throws TestbedException if it exits or stays silent before it is ready (the message ends with its log)
     */
    public Daemon spawn(Launch launch) {
        Path logs = dir.resolve("logs");
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new TestbedException("host " + name() + ": cannot create " + logs + ": " + e.getMessage(), e);
        }
        Path log = logs.resolve(launch.label() + "-" + daemons.incrementAndGet() + ".log");
        return Daemon.start(name(), launch, commandOnHost(launch.command()), log);
    }

    private void requireSshd() {
        if (!spec.sshd()) {
            throw new IllegalStateException("host " + name() + " runs no sshd (see HostSpec.withSshd)");
        }
    }

    @Override
    public String toString() {
        return name() + " (" + address + ", namespace " + namespace + ")";
    }
}
