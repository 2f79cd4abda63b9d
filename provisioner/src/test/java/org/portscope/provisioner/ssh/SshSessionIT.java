package org.portscope.provisioner.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.provisioner.testing.Proc;

/** Logging in, host key checking and commands, against a real sshd on loopback. */
class SshSessionIT {

    private static final String PASSPHRASE = "correct horse battery staple";

    @TempDir
    static Path sshdDir;
    @TempDir
    static Path work;

    private static TestSshd sshd;
    private static Path ed25519;
    private static Path rsa;
    private static Path encrypted;

    @BeforeAll
    static void startSshd() throws Exception {
        sshd = TestSshd.start(sshdDir);
        ed25519 = sshd.clientKey("client_ed25519", "ed25519", "");
        rsa = sshd.clientKey("client_rsa", "rsa", "");
        encrypted = sshd.clientKey("client_encrypted", "ed25519", PASSPHRASE);
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) {
            sshd.close();
        }
    }

    /** Trust on first use with a known_hosts file of its own per use. */
    private static final java.util.function.Supplier<HostKeyPolicy> TRUST_ON_FIRST_USE = () -> {
        try {
            return HostKeyPolicy.trustOnFirstUse(Files.createTempDirectory(work, "tofu").resolve("known_hosts"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    };

    private static SshTarget target(SshAuth auth, HostKeyPolicy hostKeys) {
        return SshTarget.root("127.0.0.1", sshd.port(), auth, hostKeys);
    }

    private static SshSession open(SshAuth auth, HostKeyPolicy hostKeys) {
        return SshSession.open(target(auth, hostKeys), SshOptions.defaults());
    }

    private static HostKeyPolicy pinnedEd25519() {
        return HostKeyPolicy.pinned(sshd.hostKeyLine("ed25519"));
    }

    @Test
    void logsInWithAnEd25519Key() {
        try (SshSession ssh = open(SshAuth.key(ed25519), pinnedEd25519())) {
            assertEquals("root\n", ssh.user().run("who am i", "id -un"));
        }
    }

    @Test
    void logsInWithAnRsaKeySigningWithSha2() {
        // the server accepts rsa-sha2-256/512 only, so a login proves no SHA-1 signature was used
        try (SshSession ssh = open(SshAuth.key(rsa), pinnedEd25519())) {
            assertEquals("root\n", ssh.user().run("who am i", "id -un"));
        }
        String fingerprint = Proc.run(List.of("ssh-keygen", "-lf", rsa + ".pub")).requireSuccess().out().split(" ")[1];
        assertTrue(sshd.log().contains("Accepted publickey for root from 127.0.0.1")
                && sshd.log().contains("RSA " + fingerprint), sshd.log());
    }

    @Test
    void decryptsAKeyWithItsPassphrase() {
        try (SshSession ssh = open(new SshAuth(encrypted, PASSPHRASE), pinnedEd25519())) {
            assertEquals("ok\n", ssh.user().run("echo", "echo ok"));
        }
    }

    @Test
    void aWrongOrMissingPassphraseIsNamedWithoutShowingIt() {
        String wrong = "not-the-passphrase-4711";
        SshException bad = assertThrows(SshException.class,
                () -> open(new SshAuth(encrypted, wrong), pinnedEd25519()));
        assertTrue(bad.getMessage().contains("passphrase given for private key " + encrypted), bad.getMessage());
        assertFalse(everything(bad).contains(wrong), everything(bad));
        SshException none = assertThrows(SshException.class, () -> open(SshAuth.key(encrypted), pinnedEd25519()));
        assertTrue(none.getMessage().contains("is encrypted and no passphrase was given"), none.getMessage());
        assertFalse(new SshAuth(encrypted, wrong).toString().contains(wrong));
    }

    @Test
    void aKeyTheServerDoesNotKnowIsRefusedByName() throws IOException {
        Path stranger = TestSshd.keygen(work.resolve("stranger"), "ed25519", "", "stranger");
        SshException refused = assertThrows(SshException.class, () -> open(SshAuth.key(stranger), pinnedEd25519()));
        assertTrue(refused.getMessage().contains("root@127.0.0.1:" + sshd.port() + " refused the key " + stranger),
                refused.getMessage());
    }

    @Test
    void pinsByFingerprintOrKeygenLineSelectingThatKeyType() {
        String keygenRsa = Proc.run(List.of("ssh-keygen", "-lf", sshd.hostKeyPub("rsa").toString()))
                .requireSuccess().out().strip();
        String bareEd25519 = SshPublicKey.parseLine(sshd.hostKeyLine("ed25519")).fingerprint();
        for (String pin : List.of(keygenRsa, bareEd25519, sshd.hostKeyLine("ecdsa"))) {
            try (SshSession ssh = open(SshAuth.key(ed25519), HostKeyPolicy.pinned(pin))) {
                assertTrue(ssh.isConnected(), pin);
            }
        }
    }

    @Test
    void aPinnedKeyMismatchNamesHostExpectedAndSeen() {
        Path other = TestSshd.keygen(work.resolve("impostor_host_key"), "ed25519", "", "other");
        String expected = keygenDescription(Path.of(other + ".pub"));
        String seen = keygenDescription(sshd.hostKeyPub("ed25519"));
        HostKeyMismatchException mismatch = assertThrows(HostKeyMismatchException.class,
                () -> open(SshAuth.key(ed25519), HostKeyPolicy.pinned(readString(Path.of(other + ".pub")))));
        assertTrue(mismatch.getMessage().contains("127.0.0.1:" + sshd.port()), mismatch.getMessage());
        assertTrue(mismatch.getMessage().contains("expected " + expected), mismatch.getMessage());
        assertTrue(mismatch.getMessage().contains("seen " + seen), mismatch.getMessage());
    }

    @Test
    void trustOnFirstUseRecordsTheKeyThenHoldsTheHostToIt() throws IOException {
        Path knownHosts = work.resolve("tofu").resolve("known_hosts");
        HostKeyPolicy tofu = HostKeyPolicy.trustOnFirstUse(knownHosts);
        try (SshSession ssh = open(SshAuth.key(ed25519), tofu)) {
            assertEquals(SshPublicKey.parseLine(sshd.hostKeyLine("ed25519")),
                    ssh.hostKeyRecordedOnFirstUse().orElseThrow());
        }
        String recorded = "[127.0.0.1]:" + sshd.port() + " " + sshd.hostKeyLine("ed25519").replaceAll(" \\S+$", "");
        assertEquals(List.of(recorded), Files.readAllLines(knownHosts));
        // OpenSSH finds the entry where it expects it
        Proc.run(List.of("ssh-keygen", "-F", "[127.0.0.1]:" + sshd.port(), "-f", knownHosts.toString()))
                .requireSuccess();
        try (SshSession again = open(SshAuth.key(ed25519), tofu)) {
            assertTrue(again.hostKeyRecordedOnFirstUse().isEmpty(), "known now, not recorded again");
        }
        assertEquals(List.of(recorded), Files.readAllLines(knownHosts), "a known key is not recorded twice");

        Path other = TestSshd.keygen(work.resolve("tofu_other"), "ed25519", "", "other");
        String otherLine = readString(Path.of(other + ".pub")).replaceAll(" \\S+$", "");
        Files.writeString(knownHosts, "[127.0.0.1]:" + sshd.port() + " " + otherLine + "\n");
        HostKeyMismatchException changed = assertThrows(HostKeyMismatchException.class,
                () -> open(SshAuth.key(ed25519), tofu));
        assertTrue(changed.getMessage().contains("does not match the key recorded in " + knownHosts
                + ": expected " + keygenDescription(Path.of(other + ".pub"))), changed.getMessage());
        assertTrue(changed.getMessage().contains("seen " + keygenDescription(sshd.hostKeyPub("ed25519"))),
                changed.getMessage());
    }

    @Test
    void execReportsExitStatusStdoutAndStderr() {
        try (SshSession ssh = open(SshAuth.key(ed25519), pinnedEd25519())) {
            ExecResult result = ssh.user().exec("echo out; echo err >&2; exit 3");
            assertEquals(3, result.exitStatus());
            assertEquals("out\n", result.stdoutText());
            assertEquals("err\n", result.stderrText());

            RemoteCommandException failed = assertThrows(RemoteCommandException.class,
                    () -> ssh.root().run("install the moon", "echo first >&2; echo 'no such package: moon' >&2; exit 100"));
            assertEquals(100, failed.exitStatus());
            assertTrue(failed.getMessage().startsWith("root@127.0.0.1:" + sshd.port()
                    + ": step 'install the moon' failed with exit status 100"), failed.getMessage());
            assertTrue(failed.getMessage().endsWith("stderr: first\n  no such package: moon"), failed.getMessage());

            assertEquals("piped secret", ssh.user().run("read stdin", "cat",
                    "piped secret".getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void quotedArgumentsArriveExactly() {
        Path canary = work.resolve("canary");
        List<String> nasty = List.of("two words", "it's", "\"double\"", "$(touch " + canary + ")",
                "`touch " + canary + "`", "*", "", "new\nline", "back\\slash", "$HOME", ";", "| cat", "&& true",
                "-n", "ünïcødé", "'", "a'b'c");
        try (SshSession ssh = open(SshAuth.key(ed25519), pinnedEd25519())) {
            String line = ShellQuote.command(List.of("printf", "%s\\0")) + " "
                    + ShellQuote.command(nasty);
            byte[] out = ssh.user().run("printf", line, new ByteArrayInputStream(new byte[0]),
                    Duration.ofSeconds(10)).stdout();
            String[] words = new String(out, StandardCharsets.UTF_8).split("\0", -1);
            assertEquals(nasty, Arrays.asList(words).subList(0, words.length - 1));
        }
        assertFalse(Files.exists(canary), "no argument was run as a command");
    }

    @Test
    void aCommandOverItsTimeIsKilledAndTheSessionGoesOn() {
        try (SshSession ssh = open(SshAuth.key(ed25519), pinnedEd25519())) {
            RemoteCommandException late = assertThrows(RemoteCommandException.class,
                    () -> ssh.user().exec("sleep 30", null, Duration.ofMillis(300)));
            assertTrue(late.getMessage().contains("did not finish within"), late.getMessage());
            assertEquals("still here\n", ssh.user().run("echo", "echo still here"));
        }
    }

    @Test
    void aKilledCommandIsReportedWithItsSignal() {
        try (SshSession ssh = open(SshAuth.key(ed25519), pinnedEd25519())) {
            RemoteCommandException killed = assertThrows(RemoteCommandException.class,
                    () -> ssh.user().run("suicide", "kill -KILL $$"));
            assertTrue(killed.getMessage().contains("step 'suicide' was killed by signal KILL"), killed.getMessage());
        }
    }

    @Test
    void aDroppedConnectionIsReopenedForTheNextStep() {
        try (SshSession ssh = open(SshAuth.key(ed25519), TRUST_ON_FIRST_USE.get())) {
            // the shell's parent is the sshd process serving this connection
            SshException lost = assertThrows(SshException.class, () -> ssh.user().run("drop", "kill -KILL $PPID"));
            assertTrue(lost.getMessage().endsWith("connection lost during step 'drop'"), lost.getMessage());
            assertFalse(ssh.isConnected());
            assertEquals("back\n", ssh.user().run("echo", "echo back"), "reconnected, host key checked again");
            assertTrue(ssh.isConnected());
        }
    }

    @Test
    void reportsConnectAndCommandTimes() {
        SshAuth auth = SshAuth.key(ed25519);
        open(auth, pinnedEd25519()).close(); // warm up JIT and crypto providers
        int connects = 10;
        long start = System.nanoTime();
        for (int i = 0; i < connects; i++) {
            open(auth, pinnedEd25519()).close();
        }
        double connectMs = (System.nanoTime() - start) / 1e6 / connects;
        int commands = 50;
        try (SshSession ssh = open(auth, pinnedEd25519())) {
            ssh.user().run("warm up", "true");
            start = System.nanoTime();
            for (int i = 0; i < commands; i++) {
                ssh.user().run("true", "true");
            }
        }
        double commandMs = (System.nanoTime() - start) / 1e6 / commands;
        System.out.printf("JSch on loopback sshd: warm connect %.1f ms (mean of %d), command %.1f ms (mean of %d)%n",
                connectMs, connects, commandMs, commands);
    }

    /** What {@code ssh-keygen -lf} prints, without the comment. */
    private static String keygenDescription(Path publicKey) {
        String[] fields = Proc.run(List.of("ssh-keygen", "-lf", publicKey.toString())).requireSuccess().out()
                .strip().split(" ");
        return fields[0] + " " + fields[1] + " " + fields[fields.length - 1];
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String everything(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }
}
