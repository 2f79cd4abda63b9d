package org.portscope.provisioner.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.provisioner.testing.Prerequisites;
import org.portscope.provisioner.testing.Proc;

/**
 * Non-root logins that get root through {@code sudo -n}: two users made for this run (one with a
 * NOPASSWD rule, one whose sudo needs a password) and a sudoers.d drop-in, all removed afterwards.
 */
class SudoIT {

    @TempDir
    static Path sshdDir;

    private static final String RUN = HexFormat.of().formatHex(new byte[] {(byte) new Random().nextInt(),
            (byte) new Random().nextInt(), (byte) new Random().nextInt()});
    private static final String SUDOER = "psit" + RUN + "s";
    private static final String ASKS_PASSWORD = "psit" + RUN + "p";
    private static final Path DROP_IN = Path.of("/etc/sudoers.d/portscope-it-" + RUN);
    private static final List<String> MADE_USERS = new ArrayList<>();

    private static TestSshd sshd;
    private static Path key;

    @BeforeAll
    static void setUp() throws Exception {
        Prerequisites.tool("sudo", "sudo");
        Prerequisites.tool("useradd", "passwd");
        sshd = TestSshd.start(sshdDir);
        key = sshd.clientKey("client", "ed25519", "");
        for (String user : List.of(SUDOER, ASKS_PASSWORD)) {
            Path home = Files.createDirectory(sshdDir.resolve("home-" + user));
            // '*': no password login, yet not a locked account ('!'), which sshd would refuse
            Proc.run(List.of("useradd", "-M", "-d", home.toString(), "-s", "/bin/sh", "-p", "*", user))
                    .requireSuccess();
            MADE_USERS.add(user);
            Proc.run(List.of("chown", user, home.toString())).requireSuccess();
        }
        Files.writeString(DROP_IN, SUDOER + " ALL=(ALL) NOPASSWD: ALL\n" + ASKS_PASSWORD + " ALL=(ALL) ALL\n");
        Files.setPosixFilePermissions(DROP_IN, PosixFilePermissions.fromString("r--r-----"));
        Proc.run(List.of("visudo", "-c", "-f", DROP_IN.toString())).requireSuccess();
    }

    @AfterAll
    static void tearDown() throws Exception {
        Files.deleteIfExists(DROP_IN);
        for (String user : MADE_USERS) {
            Proc.run(List.of("userdel", "-f", user)).requireSuccess();
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    private static SshSession open(String user) {
        return SshSession.open(new SshTarget("127.0.0.1", sshd.port(), user, SshAuth.key(key),
                HostKeyPolicy.pinned(sshd.hostKeyLine("ed25519")), Privilege.SUDO), SshOptions.defaults());
    }

    @Test
    void rootStepsRunThroughSudoAndUserStepsDoNot() throws Exception {
        try (SshSession ssh = open(SUDOER)) {
            assertEquals(SUDOER + "\n", ssh.user().run("who am i", "id -un"));
            assertTrue(ssh.root().usesSudo());
            assertEquals("0\n", ssh.root().run("become root", "id -u"));

            List<String> nasty = List.of("it's", "$(id -u)", "a \"b\" c", "`id`");
            String out = ssh.root().run("printf as root", ShellQuote.command(List.of("printf", "%s|"))
                    + " " + ShellQuote.command(nasty));
            assertEquals(String.join("|", nasty) + "|", out, "quoting survives sudo's sh -c");

            Path rootFile = sshdDir.resolve("root-owned.conf");
            byte[] content = "secret = 1\n".getBytes(StandardCharsets.UTF_8);
            assertTrue(ssh.root().upload(content, rootFile.toString(), 0600, "root:root"));
            assertEquals("root", Files.getOwner(rootFile).getName());
            assertFalse(ssh.root().upload(content, rootFile.toString(), 0600, "root:root"));
            assertThrows(RemoteCommandException.class, () -> ssh.user().readFile(rootFile.toString()),
                    "the login user cannot read a root 0600 file");
            assertEquals("secret = 1\n", new String(ssh.root().readFile(rootFile.toString()).orElseThrow(),
                    StandardCharsets.UTF_8));

            Path userFile = sshdDir.resolve("home-" + SUDOER).resolve("note");
            assertTrue(ssh.user().upload(content, userFile.toString(), 0644, null));
            assertEquals(SUDOER, Files.getOwner(userFile).getName());
        }
    }

    @Test
    void sudoThatWantsAPasswordFailsAtOnceWithAClearMessage() {
        try (SshSession ssh = open(ASKS_PASSWORD)) {
            assertEquals(ASKS_PASSWORD + "\n", ssh.user().run("who am i", "id -un"));
            SshException refused = assertThrows(SshException.class, () -> ssh.root().run("become root", "id -u"));
            assertTrue(refused.getMessage().startsWith(ASKS_PASSWORD + "@127.0.0.1:" + sshd.port()
                    + ": user " + ASKS_PASSWORD + " needs a password for sudo"), refused.getMessage());
            assertTrue(refused.getMessage().contains("NOPASSWD"), refused.getMessage());
        }
    }

    @Test
    void reportsCommandTimeWithAPlainShell() {
        try (SshSession ssh = open(SUDOER)) {
            ssh.user().run("warm up", "true");
            ssh.root().run("warm up", "true");
            int commands = 50;
            long start = System.nanoTime();
            for (int i = 0; i < commands; i++) {
                ssh.user().run("true", "true");
            }
            double userMs = (System.nanoTime() - start) / 1e6 / commands;
            start = System.nanoTime();
            for (int i = 0; i < commands; i++) {
                ssh.root().run("true", "true");
            }
            double sudoMs = (System.nanoTime() - start) / 1e6 / commands;
            byte[] bundle = new byte[20 << 20];
            new Random(1).nextBytes(bundle);
            String target = sshdDir.resolve("home-" + SUDOER).resolve("bundle.jar").toString();
            start = System.nanoTime();
            assertTrue(ssh.user().upload(bundle, target, 0644, null));
            double uploadMs = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            assertFalse(ssh.user().upload(bundle, target, 0644, null));
            double skipMs = (System.nanoTime() - start) / 1e6;
            System.out.printf("JSch command as a /bin/sh user: %.1f ms, through sudo -n: %.1f ms (mean of %d);"
                    + " 20 MiB upload %.0f ms (%.0f MiB/s), skipped re-upload %.0f ms%n",
                    userMs, sudoMs, commands, uploadMs, 20 / (uploadMs / 1000), skipMs);
        }
    }
}
