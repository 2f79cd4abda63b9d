package org.portscope.provisioner.testbed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Builds a testbed's parts: the switch and uplink first, the client keys, then the hosts in
 * parallel (building one is mostly waiting for ip, ssh-keygen, the holder and sshd).
 */
final class TestbedBuilder {

    /** What a finished build hands to {@link Testbed}. */
    record Built(UnderlayNetwork underlay, ClientKeys clientKeys, Path knownHosts, List<Host> hosts) {
    }

    private static final int PARALLEL = 8;

    private final String prefix;
    private final TestbedSpec spec;
    private final Path dir;
    private final SecureRandom random = new SecureRandom();

    TestbedBuilder(String prefix, TestbedSpec spec, Path dir) {
        this.prefix = prefix;
        this.spec = spec;
        this.dir = dir;
    }

    Built build(Path lockFile) throws IOException {
        String switchNamespace = Testbed.namespace(prefix, Testbed.SWITCH);
        Wiring.createSwitch(switchNamespace);
        UnderlayNetwork underlay = Wiring.createUplink(switchNamespace, Testbed.rootLink(prefix), lockFile);
        ClientKeys clientKeys = Sshd.makeClientKeys(dir.resolve("client"), spec.rsaClientKey(), random);
        String authorizedKeys = Sshd.authorizedKeys(clientKeys);
        List<Host> hosts = buildHosts(switchNamespace, underlay, authorizedKeys);
        Path knownHosts = dir.resolve("client").resolve("known_hosts");
        StringBuilder lines = new StringBuilder();
        for (Host host : hosts) {
            for (HostKey key : host.hostKeys()) {
                lines.append(key.knownHostsLine(host.address(), Sshd.PORT)).append('\n');
            }
        }
        Files.writeString(knownHosts, lines);
        return new Built(underlay, clientKeys, knownHosts, hosts);
    }

    private List<Host> buildHosts(String switchNamespace, UnderlayNetwork underlay, String authorizedKeys) {
        List<HostSpec> specs = spec.hosts();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL, specs.size()));
        try {
            List<Future<Host>> futures = new ArrayList<>();
            for (int i = 0; i < specs.size(); i++) {
                int index = i;
                futures.add(pool.submit(() -> buildHost(index, specs.get(index), switchNamespace, underlay,
                        authorizedKeys)));
            }
            List<Host> hosts = new ArrayList<>();
            for (Future<Host> future : futures) {
                hosts.add(future.get());
            }
            return hosts;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new TestbedException("building a host failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestbedException("interrupted while building the hosts", e);
        } finally {
            // The caller tears down after a failure: nothing may still be building by then.
            pool.shutdownNow();
            awaitQuietly(pool);
        }
    }

    private Host buildHost(int index, HostSpec host, String switchNamespace, UnderlayNetwork underlay,
            String authorizedKeys) throws IOException {
        String namespace = Testbed.namespace(prefix, host.name());
        String address = underlay.hostAddress(index);
        Wiring.connectHost(switchNamespace, namespace, index, underlay);
        Path hostDir = dir.resolve("hosts").resolve(host.name());
        Path sshDir = hostDir.resolve("ssh");
        Files.createDirectories(sshDir);
        // sshd reads authorized_keys as the user logging in, the admin user too.
        Files.setPosixFilePermissions(sshDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<HostKey> keys = host.sshd()
                ? Sshd.prepareHost(sshDir, host.name(), address, host.rsaHostKey(), authorizedKeys)
                : List.of();
        byte[] machineId = new byte[16];
        random.nextBytes(machineId);
        Process holder = HostHolder.start(namespace, hostDir, host.name(), HexFormat.of().formatHex(machineId),
                host.adminUser() ? Testbed.ADMIN_USER : null);
        Host built = new Host(host, namespace, address, hostDir, holder.pid(), keys);
        if (host.sshd()) {
            built.startSshd();
        }
        return built;
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            pool.awaitTermination(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
