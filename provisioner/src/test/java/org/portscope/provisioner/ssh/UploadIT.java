package org.portscope.provisioner.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads against a real sshd on loopback. The "remote" folder is a local test folder, so the
 * tests can watch the temporary file appear (inotify) and check it while the upload is held open.
 */
class UploadIT {

    @TempDir
    static Path sshdDir;
    @TempDir
    Path remote;

    private static TestSshd sshd;
    private static SshSession ssh;

    @BeforeAll
    static void connect() throws Exception {
        sshd = TestSshd.start(sshdDir);
        Path key = sshd.clientKey("client", "ed25519", "");
        ssh = SshSession.open(SshTarget.root("127.0.0.1", sshd.port(), SshAuth.key(key),
                HostKeyPolicy.pinned(sshd.hostKeyLine("ed25519"))), SshOptions.defaults());
    }

    @AfterAll
    static void disconnect() throws Exception {
        if (ssh != null) {
            ssh.close();
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    @Test
    void uploadsOnceThenSeesTheSameContentAndSkips() throws IOException {
        Path target = remote.resolve("wg0.conf");
        byte[] content = "[Interface]\nPrivateKey = (not a real one)\n".getBytes(StandardCharsets.UTF_8);
        assertTrue(ssh.root().upload(content, target.toString(), 0600, null));
        assertArrayEquals(content, Files.readAllBytes(target));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        assertFalse(ssh.root().upload(content, target.toString(), 0600, null), "same content: no change");

        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
        assertTrue(ssh.root().upload(content, target.toString(), 0600, null), "mode drifted: changed back");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));

        byte[] changed = "[Interface]\nListenPort = 51820\n".getBytes(StandardCharsets.UTF_8);
        assertTrue(ssh.root().upload(changed, target.toString(), 0600, null));
        assertArrayEquals(changed, ssh.root().readFile(target.toString()).orElseThrow());
        assertEquals(LocalContent.sha256(changed), ssh.root().sha256(target.toString()).orElseThrow());
        try (Stream<Path> left = Files.list(remote)) {
            assertEquals(1, left.count(), "no temporary file stays behind");
        }
    }

    @Test
    void setsTheOwner() throws IOException {
        Path target = remote.resolve("owned");
        assertTrue(ssh.root().upload(new byte[] {1, 2, 3}, target.toString(), 0640, "nobody:nogroup"));
        assertEquals("nobody", Files.getOwner(target).getName());
        assertFalse(ssh.root().upload(new byte[] {1, 2, 3}, target.toString(), 0640, "nobody:nogroup"));
        assertTrue(ssh.root().upload(new byte[] {1, 2, 3}, target.toString(), 0640, "root"));
        assertEquals("root", Files.getOwner(target).getName());
    }

    @Test
    void theContentIsWrittenToA0600TempFileAndAppearsOnlyWhenComplete() throws Exception {
        Path target = remote.resolve("sensor.yaml");
        byte[] content = new byte[256 * 1024];
        new Random(7).nextBytes(content);
        CountDownLatch release = new CountDownLatch(1);
        LocalContent held = new LocalContent("held", LocalContent.sha256(content),
                () -> new HeldStream(content, release));
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            remote.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
            CompletableFuture<Boolean> upload = CompletableFuture.supplyAsync(
                    () -> ssh.root().upload(held, target.toString(), 0644, null));
            Path temp = awaitCreated(watcher, ".sensor.yaml.portscope.");
            // the upload cannot finish while its input is held: this is the file mid-transfer
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(temp)));
            assertFalse(Files.exists(target), "the target appears only once complete");
            release.countDown();
            assertTrue(upload.get(60, TimeUnit.SECONDS));
        }
        assertArrayEquals(content, Files.readAllBytes(target));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }

    @Test
    void aLocalReadFailureLeavesNothingBehind() throws IOException {
        Path target = remote.resolve("broken");
        byte[] content = new byte[100_000];
        LocalContent failing = new LocalContent("failing", LocalContent.sha256(content),
                () -> new FailingStream(content));
        SshException failed = assertThrows(SshException.class,
                () -> ssh.root().upload(failing, target.toString(), 0600, null));
        assertTrue(failed.getMessage().contains("reading the local input of step 'upload " + target + "'"),
                failed.getMessage());
        try (Stream<Path> left = Files.list(remote)) {
            assertEquals(0, left.count(), "neither the target nor a temporary file exists");
        }
    }

    @Test
    void uploadsALargeFileOnceAndReportsTheRate() throws IOException {
        Path local = remote.resolve("local-bundle.jar");
        byte[] chunk = new byte[1 << 20];
        Random random = new Random(42);
        try (var out = Files.newOutputStream(local)) {
            for (int i = 0; i < 20; i++) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
        Path target = remote.resolve("portscope-sensor.jar");
        long start = System.nanoTime();
        assertTrue(ssh.root().upload(local, target.toString(), 0644, null));
        double firstMs = (System.nanoTime() - start) / 1e6;
        assertEquals(Files.size(local), Files.size(target));
        assertEquals(LocalContent.of(local).sha256(), ssh.root().sha256(target.toString()).orElseThrow());
        start = System.nanoTime();
        assertFalse(ssh.root().upload(local, target.toString(), 0644, null));
        double skipMs = (System.nanoTime() - start) / 1e6;
        System.out.printf("upload of 20 MiB over JSch exec: %.0f ms (%.0f MiB/s); unchanged re-upload skipped in %.0f ms%n",
                firstMs, 20 / (firstMs / 1000), skipMs);
    }

    @Test
    void readsAndHashesMissingFilesAsEmpty() {
        assertEquals(Optional.empty(), ssh.user().readFile(remote.resolve("absent").toString()).map(String::new));
        assertEquals(Optional.empty(), ssh.user().sha256(remote.resolve("absent").toString()));
    }

    @Test
    void anUploadIntoAMissingFolderNamesTheStep() {
        String target = remote.resolve("no/such/folder/file").toString();
        RemoteCommandException failed = assertThrows(RemoteCommandException.class,
                () -> ssh.root().upload(new byte[] {1}, target, 0600, null));
        assertTrue(failed.getMessage().contains("step 'upload " + target + "' failed"), failed.getMessage());
        assertTrue(failed.stderrTail().contains("No such file or directory"), failed.stderrTail());
    }

    private static Path awaitCreated(WatchService watcher, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            WatchKey key = watcher.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (key == null) {
                break;
            }
            for (WatchEvent<?> event : key.pollEvents()) {
                Path name = (Path) event.context();
                if (name != null && name.toString().startsWith(prefix)) {
                    return ((Path) key.watchable()).resolve(name);
                }
            }
            key.reset();
        }
        throw new AssertionError("no temporary file " + prefix + "* appeared");
    }

    /** Hands out the first half, then waits for the test to release the rest. */
    private static final class HeldStream extends FilterInputStream {
        private final CountDownLatch release;
        private final int half;
        private int given;

        HeldStream(byte[] content, CountDownLatch release) {
            super(new java.io.ByteArrayInputStream(content));
            this.release = release;
            this.half = content.length / 2;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (given >= half) {
                try {
                    if (!release.await(60, TimeUnit.SECONDS)) {
                        throw new IOException("never released");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
            int n = super.read(buffer, offset, given < half ? Math.min(length, half - given) : length);
            given += Math.max(n, 0);
            return n;
        }
    }

    /** Fails after the first 10 000 bytes, as a disk error would. */
    private static final class FailingStream extends FilterInputStream {
        private int given;

        FailingStream(byte[] content) {
            super(new java.io.ByteArrayInputStream(content));
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (given >= 10_000) {
                throw new IOException("simulated disk error");
            }
            int n = super.read(buffer, offset, Math.min(length, 10_000 - given));
            given += Math.max(n, 0);
            return n;
        }
    }
}
