package org.portscope.provisioner.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownHostsTest {

    @TempDir
    Path dir;

    private final SshPublicKey ed25519 = SshPublicKey.parseLine(TestVectors.ED25519);
    private final SshPublicKey rsa = SshPublicKey.parseLine(TestVectors.RSA);

    @Test
    void recordsAFirstKeyThenKnowsItAndRefusesAnother() throws Exception {
        KnownHosts known = KnownHosts.at(dir.resolve("portscope").resolve("known_hosts"));
        assertInstanceOf(KnownHosts.Verdict.Recorded.class, known.verifyOrRecord("10.0.0.5", 2222, ed25519));
        assertInstanceOf(KnownHosts.Verdict.Known.class, known.verifyOrRecord("10.0.0.5", 2222, ed25519));
        KnownHosts.Verdict other = known.verifyOrRecord("10.0.0.5", 2222, rsa);
        assertEquals(new KnownHosts.Verdict.Mismatch(List.of(ed25519)), other);
        assertInstanceOf(KnownHosts.Verdict.Recorded.class, known.verifyOrRecord("node1.example", 22, rsa));
        assertEquals(List.of("[10.0.0.5]:2222 " + ed25519.toOpenSsh(), "node1.example " + rsa.toOpenSsh()),
                Files.readAllLines(known.file()));
        assertEquals("rwx------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(known.file().getParent())));
    }

    @Test
    void readsHashedEntriesAsSshKeygenWritesThem() throws Exception {
        Path file = Files.writeString(dir.resolve("known_hosts"), TestVectors.HASHED_KNOWN_HOSTS);
        KnownHosts known = KnownHosts.at(file);
        assertEquals(List.of(ed25519), known.lookup("10.0.0.5", 2222));
        assertEquals(List.of(rsa), known.lookup("node1.example", 22));
        assertEquals(List.of(), known.lookup("10.0.0.5", 22), "port 22 is another entry");
        assertEquals(List.of(), known.lookup("node2.example", 22));
    }

    @Test
    void ignoresCommentsMarkersWildcardsAndBrokenLines() throws Exception {
        Path file = Files.writeString(dir.resolve("known_hosts"), String.join("\n",
                "# [10.0.0.5]:2222 " + rsa.toOpenSsh(),
                "@revoked [10.0.0.5]:2222 " + rsa.toOpenSsh(),
                "@cert-authority * " + rsa.toOpenSsh(),
                "10.0.0.* " + rsa.toOpenSsh(),
                "[10.0.0.5]:2222 ssh-ed25519 not-base64!",
                "other,[10.0.0.5]:2222 " + ed25519.toOpenSsh() + " a comment", ""));
        assertEquals(List.of(ed25519), KnownHosts.at(file).lookup("10.0.0.5", 2222));
    }

    @Test
    void parallelFirstConnectionsRecordOneKey() throws Exception {
        KnownHosts known = KnownHosts.at(dir.resolve("known_hosts"));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<KnownHosts.Verdict>> verdicts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                SshPublicKey key = i % 2 == 0 ? ed25519 : rsa;
                verdicts.add(pool.submit(() -> {
                    start.await();
                    return known.verifyOrRecord("10.0.0.9", 22, key);
                }));
            }
            start.countDown();
            int recorded = 0;
            for (Future<KnownHosts.Verdict> verdict : verdicts) {
                recorded += verdict.get() instanceof KnownHosts.Verdict.Recorded ? 1 : 0;
            }
            assertEquals(1, recorded);
            assertEquals(1, Files.readAllLines(known.file()).size());
        } finally {
            pool.shutdownNow();
        }
    }
}
