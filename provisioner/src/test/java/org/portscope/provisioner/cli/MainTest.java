package org.portscope.provisioner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.provisioner.wireguard.WgPresharedKey;
import org.portscope.provisioner.wireguard.WgPrivateKey;

class MainTest {

    private static final String KEY_LINE = "[A-Za-z0-9+/]{43}=\n";

    /** One in-process run of the command. */
    record Run(int exit, String out, String err) {
    }

    static Run run(String stdin, Path stdoutFile, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Io io = new Io(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), stdoutFile);
        int exit = Main.run(List.of(args), io);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Run run(String stdin, String... args) {
        return run(stdin, null, args);
    }

    @Test
    void genkeyPrintsAClampedKeyLikeWg() {
        Run run = run("", "wg", "genkey");
        assertEquals(0, run.exit());
        assertTrue(run.out().matches(KEY_LINE), run.out());
        assertEquals("", run.err());
        WgPrivateKey key = WgPrivateKey.parse(run.out().strip());
        assertEquals(key.toBase64() + "\n", run.out());
    }

    @Test
    void pubkeyOfGenkey() {
        String key = run("", "wg", "genkey").out();
        Run run = run(key, "wg", "pubkey");
        assertEquals(0, run.exit(), run.err());
        assertEquals(WgPrivateKey.parse(key.strip()).publicKey().base64() + "\n", run.out());
        // The RFC 7748 vector, as wg pubkey answers it.
        assertEquals("hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo=\n",
                run("dwdtCnMYpX08FsFyUbJmRd9ML4frwJkqsXf7pR25LCo=", "wg", "pubkey").out());
    }

    @Test
    void pubkeyRefusesMalformedInputWithoutEchoingIt() {
        for (String input : List.of("", "secret-looking-but-wrong\n",
                "dwdtCnMYpX08FsFyUbJmRd9ML4frwJkqsXf7pR25LCp=", "x".repeat(5000))) {
            Run run = run(input, "wg", "pubkey");
            assertEquals(1, run.exit(), input);
            assertEquals("", run.out());
            assertTrue(run.err().startsWith("portscope wg pubkey: standard input is not a WireGuard"
                    + " private key"), run.err());
            assertFalse(input.length() > 8 && run.err().contains(input.strip().substring(0, 8)), run.err());
        }
    }

    @Test
    void genpskPrints32RandomBytes() {
        Run a = run("", "wg", "genpsk");
        Run b = run("", "wg", "genpsk");
        assertEquals(0, a.exit());
        assertTrue(a.out().matches(KEY_LINE), a.out());
        assertFalse(a.out().equals(b.out()));
        WgPresharedKey.parse(a.out().strip());
    }

    @Test
    void everyCommandHasHelp() {
        List<List<String>> paths = new ArrayList<>();
        collect(List.of(), Main.root(), paths);
        assertTrue(paths.size() >= 5, paths.toString());
        for (List<String> path : paths) {
            for (String flag : List.of("--help", "-h")) {
                List<String> args = new ArrayList<>(path.subList(1, path.size()));
                args.add(flag);
                Run run = run("", args.toArray(String[]::new));
                assertEquals(0, run.exit(), args.toString());
                assertTrue(run.out().startsWith("Usage: " + String.join(" ", path)), run.out());
                assertEquals("", run.err());
            }
        }
    }

    private static void collect(List<String> prefix, Command command, List<List<String>> out) {
        List<String> path = new ArrayList<>(prefix);
        path.add(command.name());
        out.add(path);
        if (command instanceof CommandGroup group) {
            String help = group.help(String.join(" ", path));
            for (Command child : group.commands()) {
                assertTrue(help.contains("\n  " + child.name() + " "), help);
                collect(path, child, out);
            }
        }
    }

    @Test
    void wrongUsageExitsTwoWithAHint() {
        Run unknown = run("", "wg", "genkye");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("portscope wg: unknown command 'genkye'; the commands are"
                + " genkey, pubkey, genpsk"), unknown.err());
        assertTrue(unknown.err().contains("Try 'portscope wg --help'."), unknown.err());

        Run extra = run("", "wg", "genkey", "now");
        assertEquals(2, extra.exit());
        assertEquals("", extra.out());
        assertTrue(extra.err().startsWith("portscope wg genkey: takes no arguments"), extra.err());

        Run none = run("");
        assertEquals(2, none.exit());
        assertTrue(none.err().startsWith("Usage: portscope <command>"), none.err());
        assertTrue(none.err().contains("  wg "), none.err());
    }

    @Test
    void warnsLikeWgWhenTheKeyGoesToAWorldReadableFile(@TempDir Path dir) throws IOException {
        Path open = Files.createFile(dir.resolve("open.key"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        Run warned = run("", open, "wg", "genkey");
        assertEquals(0, warned.exit());
        assertEquals("Warning: writing to world accessible file.\n"
                + "Consider setting the umask to 077 and trying again.\n", warned.err());

        Path closed = Files.createFile(dir.resolve("closed.key"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        assertEquals("", run("", closed, "wg", "genpsk").err());
    }
}
