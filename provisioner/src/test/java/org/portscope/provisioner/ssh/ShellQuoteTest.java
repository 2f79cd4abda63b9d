package org.portscope.provisioner.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShellQuoteTest {

    private static final List<String> NASTY = List.of("two words", "it's", "'", "''", "\"double\"", "$(id)",
            "`id`", "${HOME}", "*", "?", "~", "", " ", "new\nline", "tab\there", "back\\slash", ";", "| cat",
            "&& true", "> /tmp/x", "-n", "--", "ünïcødé", "a'b'c", "!event", "#comment");

    @Test
    void leavesPlainWordsAlone() {
        assertEquals("/etc/wireguard/wg0.conf", ShellQuote.quote("/etc/wireguard/wg0.conf"));
        assertEquals("user:group", ShellQuote.quote("user:group"));
        assertEquals("wg-quick@wg0", ShellQuote.quote("wg-quick@wg0"));
    }

    @Test
    void singleQuotesEverythingElse() {
        assertEquals("''", ShellQuote.quote(""));
        assertEquals("'two words'", ShellQuote.quote("two words"));
        assertEquals("'it'\\''s'", ShellQuote.quote("it's"));
        assertEquals("'$(id)'", ShellQuote.quote("$(id)"));
        assertEquals("printf '%s\\n' 'a b'", ShellQuote.command("printf", "%s\\n", "a b"));
    }

    @Test
    void aRealShellGetsEachArgumentBackExactly() throws Exception {
        String line = ShellQuote.command(List.of("printf", "%s\\0")) + " " + ShellQuote.command(NASTY);
        Process sh = new ProcessBuilder("/bin/sh", "-c", line).redirectErrorStream(true).start();
        byte[] out = sh.getInputStream().readAllBytes();
        assertEquals(0, sh.waitFor());
        String[] words = new String(out, StandardCharsets.UTF_8).split("\0", -1);
        assertEquals(NASTY, Arrays.asList(words).subList(0, words.length - 1));
    }

    @Test
    void refusesWhatNoShellWordCanHold() throws IOException {
        IllegalArgumentException nul = assertThrows(IllegalArgumentException.class, () -> ShellQuote.quote("a\0b"));
        assertEquals("a shell argument cannot contain a NUL byte", nul.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ShellQuote.command(List.of()));
    }
}
