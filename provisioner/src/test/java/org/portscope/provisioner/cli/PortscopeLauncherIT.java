package org.portscope.provisioner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.provisioner.testing.Prerequisites;
import org.portscope.provisioner.testing.Proc;

/** bin/portscope and the shaded jar, as a user runs them, checked against the real wg(8). */
class PortscopeLauncherIT {

    private static Path launcher;
    private static Path wg;

    @BeforeAll
    static void locate() {
        Path repo = Path.of(System.getProperty("portscope.repo", "..")).toAbsolutePath().normalize();
        launcher = repo.resolve("bin/portscope");
        assertTrue(Files.isExecutable(launcher), launcher + " should be an executable script");
        Path jar = Path.of(System.getProperty("portscope.cli.jar",
                repo.resolve("provisioner/target/portscope-provisioner.jar").toString()));
        assertTrue(Files.isRegularFile(jar), "the package phase should have made " + jar);
        wg = Prerequisites.tool("wg", "wireguard-tools");
    }

    private static Proc.Result portscope(String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        return Proc.run(command, stdin);
    }

    private static String wg(String subcommand, String stdin) {
        return Proc.run(List.of(wg.toString(), subcommand), stdin).requireSuccess().out();
    }

    @Test
    void genkeyThroughWgPubkeyEqualsOurPubkey() {
        for (int i = 0; i < 3; i++) {
            String key = portscope(null, "wg", "genkey").requireSuccess().out();
            assertTrue(key.matches("[A-Za-z0-9+/]{43}=\n"), key);
            String ours = portscope(key, "wg", "pubkey").requireSuccess().out();
            assertEquals(wg("pubkey", key), ours);
        }
    }

    @Test
    void ourPubkeyOfWgGenkeyEqualsWgPubkey() {
        String key = wg("genkey", null);
        assertEquals(wg("pubkey", key), portscope(key, "wg", "pubkey").requireSuccess().out());
    }

    @Test
    void genpskLooksLikeWgGenpsk() {
        String ours = portscope(null, "wg", "genpsk").requireSuccess().out();
        String theirs = wg("genpsk", null);
        assertTrue(ours.matches("[A-Za-z0-9+/]{43}=\n"), ours);
        assertEquals(theirs.length(), ours.length());
    }

    @Test
    void malformedKeyFailsWithoutEchoingIt() {
        Proc.Result result = portscope("hunter2-is-not-a-key\n", "wg", "pubkey");
        assertEquals(1, result.exit());
        assertEquals("", result.out());
        assertTrue(result.err().startsWith("portscope wg pubkey: standard input is not a WireGuard"
                + " private key"), result.err());
        assertFalse(result.err().contains("hunter2"), result.err());
    }

    @Test
    void everySubcommandAnswersHelp() {
        for (List<String> args : List.of(List.of("--help"), List.of("wg", "--help"),
                List.of("wg", "genkey", "--help"), List.of("wg", "pubkey", "--help"),
                List.of("wg", "genpsk", "--help"))) {
            Proc.Result result = portscope(null, args.toArray(String[]::new)).requireSuccess();
            assertTrue(result.out().startsWith("Usage: portscope"), result.out());
        }
    }

    @Test
    void aMissingJarSaysHowToBuildIt(@TempDir Path elsewhere) throws IOException {
        Path copy = elsewhere.resolve("bin/portscope");
        Files.createDirectories(copy.getParent());
        Files.copy(launcher, copy);
        Proc.Result result = Proc.run(List.of(copy.toString(), "wg", "genkey"));
        assertEquals(1, result.exit());
        assertEquals("", result.out());
        assertTrue(result.err().contains("portscope-provisioner.jar is missing"), result.err());
        assertTrue(result.err().contains("mvn -q -DskipTests package"), result.err());
    }
}
