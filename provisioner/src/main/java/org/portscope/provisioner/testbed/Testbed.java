package org.portscope.provisioner.testbed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * An emulated institution on one Linux machine: a hub, nodes and other hosts, each a network
 * namespace with its own mount and UTS namespaces and, where asked, a real OpenSSH server that
 * lets in the testbed's client keys. Built for the onboarding tests and {@code portscope demo}.
 * <pre>{@code
 * try (Testbed testbed = Testbed.start(Testbed.newPrefix(),
 *         TestbedSpec.institution(3).with(HostSpec.plain("attacker")))) {
 *     Host node = testbed.host("node1");
 *     // ssh -i testbed.clientKeys().ed25519() -o UserKnownHostsFile=testbed.knownHosts() root@node.address()
 *     node.exec("wg", "show");
 * }
 * }</pre>
 * <b>Layout.</b> A "switch" namespace {@code PREFIX-switch} holds a bridge; each host
 * {@code PREFIX-NAME} hangs on it by a veth pair ({@code eth0} in the host); one veth
 * {@code PREFIXup} reaches it from the root namespace. All of them share one /24 of
 * 198.18.0.0/15 ({@link UnderlayNetwork}): hosts {@code .1, .2, ...} in spec order, the root
 * namespace {@code .254}. A bridge scales to hundreds of ports, and every host reaches every other
 * in one hop, as machines on one campus network do. Hosts have no default route: nothing they
 * send can leave the testbed.
 * <p>
 * <b>Lifetime.</b> {@link #close()} ends every process in the hosts (daemons started over SSH
 * included), deletes the namespaces, the uplink and {@link #dir()}; a shutdown hook does the same
 * if the JVM exits without closing, and {@link #removeLeftovers(String)} after a JVM was killed
 * ({@link #start} also removes testbeds whose JVM is gone). Different prefixes never collide.
 */
public final class Testbed implements AutoCloseable {

    /** The non-root user with passwordless sudo on hosts whose spec asks for it. */
    public static final String ADMIN_USER = "portscope-admin";

    static final String SWITCH = "switch";
    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9]{1,11}");

    private final String prefix;
    private final TestbedSpec spec;
    private final Path dir;
    private final TestbedBuilder.Built built;
    private final Duration buildTime;
    private final Thread shutdownHook;
    /** Set by whichever removes the testbed first: {@link #close} or the shutdown hook (on Ctrl-C both may run). */
    private final AtomicBoolean closed;

    private Testbed(String prefix, TestbedSpec spec, Path dir, TestbedBuilder.Built built, Duration buildTime,
            Thread shutdownHook, AtomicBoolean closed) {
        this.closed = closed;
        this.prefix = prefix;
        this.spec = spec;
        this.dir = dir;
        this.built = built;
        this.buildTime = buildTime;
        this.shutdownHook = shutdownHook;
    }

    /**
     * Builds a testbed, installing missing Debian packages first (see {@link TestbedPrerequisites}).
     * On failure everything built so far is removed before the exception leaves.
     *
     * @param prefix this run's name prefix, see {@link #newPrefix()}
     * @throws TestbedException naming what is missing or which step failed on which host
     */
    public static Testbed start(String prefix, TestbedSpec spec) {
        requirePrefix(prefix);
        Objects.requireNonNull(spec, "spec");
        List<String> missing = TestbedPrerequisites.ensure();
        if (!missing.isEmpty()) {
            throw new TestbedException("cannot build a testbed; missing: " + String.join(", ", missing));
        }
        StaleTestbeds.remove(tempRoot());
        Path dir = directory(prefix);
        AtomicBoolean removed = new AtomicBoolean();
        Thread hook = new Thread(() -> removeOnce(removed, prefix, dir), "testbed " + prefix + " teardown");
        long started = System.nanoTime();
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new TestbedException("cannot create " + dir + " (" + e + "): if a testbed with prefix " + prefix
                    + " was left behind, Testbed.removeLeftovers(\"" + prefix + "\") removes it", e);
        }
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            StaleTestbeds.writeOwner(dir);
            TestbedBuilder.Built built = new TestbedBuilder(prefix, spec, dir).build(lockFile());
            return new Testbed(prefix, spec, dir, built, Duration.ofNanos(System.nanoTime() - started), hook, removed);
        } catch (IOException | RuntimeException | Error e) {
            try {
                Teardown.remove(prefix, dir);
            } catch (RuntimeException teardown) {
                e.addSuppressed(teardown);
            }
            removeHook(hook);
            if (e instanceof IOException io) {
                throw new TestbedException("building testbed " + prefix + " failed: " + io, io);
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw (Error) e;
        }
    }

    /** A fresh prefix: {@code pst} and five random letters or digits. */
    public static String newPrefix() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder prefix = new StringBuilder("pst");
        for (int i = 0; i < 5; i++) {
            prefix.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return prefix.toString();
    }

    /**
     * Removes whatever testbed {@code prefix} left behind (processes, namespaces, uplink, directory),
     * e.g. after its JVM was killed. Harmless when nothing is left.
     */
    public static void removeLeftovers(String prefix) {
        requirePrefix(prefix);
        Teardown.remove(prefix, directory(prefix));
    }

    public String prefix() {
        return prefix;
    }

    public TestbedSpec spec() {
        return spec;
    }

    /** The testbed's directory (mode 0700): {@code client/} keys and known_hosts, {@code hosts/NAME/} per host. */
    public Path dir() {
        return dir;
    }

    public UnderlayNetwork underlay() {
        return built.underlay();
    }

    /** The client keys every sshd lets in, for root and the admin user. */
    public ClientKeys clientKeys() {
        return built.clientKeys();
    }

    /** A known_hosts file with every sshd's host keys as built, for {@code ssh -o UserKnownHostsFile=}. */
    public Path knownHosts() {
        return built.knownHosts();
    }

    /** All hosts, in spec order. */
    public List<Host> hosts() {
        return built.hosts();
    }

    /** @throws IllegalArgumentException if there is no host of that name */
    public Host host(String name) {
        return hosts().stream().filter(h -> h.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("testbed " + prefix + " has no host '" + name + "'"));
    }

    /** @throws IllegalStateException if the spec has no hub */
    public Host hub() {
        return hosts().stream().filter(h -> h.role() == HostSpec.Role.HUB).findFirst()
                .orElseThrow(() -> new IllegalStateException("testbed " + prefix + " has no hub"));
    }

    /** The nodes, in spec order. */
    public List<Host> nodes() {
        return hosts().stream().filter(h -> h.role() == HostSpec.Role.NODE).toList();
    }

    /** The switch namespace's name. */
    public String switchNamespace() {
        return namespace(prefix, SWITCH);
    }

    /** The root namespace's end of the uplink. */
    public String rootLink() {
        return rootLink(prefix);
    }

    /** How long {@link #start} took. */
    public Duration buildTime() {
        return buildTime;
    }

    /** Removes everything (see the class comment). Idempotent. */
    @Override
    public void close() {
        removeHook(shutdownHook);
        removeOnce(closed, prefix, dir);
    }

    /** Removes the testbed unless done already; a second caller waits until the first is done. */
    private static void removeOnce(AtomicBoolean removed, String prefix, Path dir) {
        synchronized (removed) {
            if (removed.compareAndSet(false, true)) {
                Teardown.remove(prefix, dir);
            }
        }
    }

    static String namespace(String prefix, String hostName) {
        return prefix + "-" + hostName;
    }

    static String rootLink(String prefix) {
        return prefix + "up";
    }

    static Path directory(String prefix) {
        return tempRoot().resolve(StaleTestbeds.DIRECTORY_PREFIX + prefix);
    }

    private static Path tempRoot() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    private static Path lockFile() {
        return tempRoot().resolve("portscope-testbed.lock");
    }

    private static void requirePrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("a testbed prefix is 2-12 lower case letters and digits, starting"
                    + " with a letter (it names interfaces, which allow 15 characters), got '" + prefix + "'");
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs (or ran) anyway
        }
    }

    @Override
    public String toString() {
        return "Testbed[" + prefix + ", " + hosts().size() + " hosts on " + underlay() + "]";
    }
}
