package org.portscope.provisioner.enroll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootstrapTest {
    @TempDir Path dir;

    private static final String PIN = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[] {
        -1, -2, -3, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28});
    private static final String TOKEN = "pst1.0123456789abcdef." + "s".repeat(43) + "." + PIN;
    private static final String SHA = "ab".repeat(32);

    @Test
    void theOneLinerPinsTheDownloadChecksItAndKeepsTheTokenOffCommandLines() throws Exception {
        String line = Bootstrap.shellOneLiner("198.51.100.7", 8443, TOKEN, SHA);
        assertTrue(line.startsWith("(") && line.endsWith(")"), "a subshell, not a new process with arguments");
        String curlPin = "sha256//" + Base64.getEncoder().encodeToString(Base64.getUrlDecoder().decode(PIN));
        // quoted only where the shell needs it
        assertTrue(line.contains("--pinnedpubkey " + curlPin) || line.contains("--pinnedpubkey '" + curlPin + "'"), line);
        assertTrue(line.contains("https://198.51.100.7:8443/v1/bundle"), line);
        assertTrue(line.contains("echo '" + SHA + "  '\"$d/node.tgz\" | sha256sum -c --quiet -"), line);
        assertTrue(line.contains("--token-file \"$d/token\"") && !line.contains("--token '"), line);
        assertTrue(line.indexOf("sha256sum") < line.indexOf("tar -xzf"), "unpacked before its checksum was checked");
        Process sh = new ProcessBuilder("sh", "-n", "-c", line).redirectErrorStream(true).start();
        String out = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, sh.waitFor(), "sh -n: " + out);
    }

    @Test
    void anIpv6HubIsBracketed() {
        assertTrue(Bootstrap.shellOneLiner("2001:db8::1", 8443, TOKEN, SHA).contains("https://[2001:db8::1]:8443/v1/bundle"));
    }

    @Test
    void aMalformedTokenOrChecksumIsRefusedWithoutEchoingIt() {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Bootstrap.shellOneLiner("hub", 8443, "pst1.secret-looking-text", SHA));
        assertFalse(bad.getMessage().contains("secret-looking-text"));
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.shellOneLiner("hub", 8443, TOKEN, "nothex"));
    }

    @Test
    void whenTheHubNamesAKeyIdTheLineEnrollsWithTheKeyAndStopsFirstWhenTheNodeHasNone() throws Exception {
        IssuedToken plain = issued(null);
        IssuedToken keyed = issued("uni-x-2026");
        assertFalse(Bootstrap.shellOneLiner(plain).contains("anon"), Bootstrap.shellOneLiner(plain));
        String line = Bootstrap.shellOneLiner(keyed);
        assertTrue(line.endsWith(" --anon-key-file " + Bootstrap.ANON_KEY_FILE + ")"), line);
        assertTrue(line.indexOf("[ -s " + Bootstrap.ANON_KEY_FILE + " ]") < line.indexOf("curl -fsS"), "checked before the download");
        assertEquals(line, Bootstrap.shellOneLiner(keyed, Bootstrap.ANON_KEY_FILE));
        String cloud = Bootstrap.cloudInit(keyed);
        assertTrue(cloud.contains("key id uni-x-2026") && cloud.contains("# " + Bootstrap.ANON_KEY_FILE + " (mode 0600)"), cloud);
        assertTrue(cloud.contains("      " + line + "\n"), cloud);
        assertFalse(Bootstrap.cloudInit(plain).contains("anonymizes"), "a hub without a key id");

        // Run up to the check on a node without the key: it stops, says where the key goes, fetches nothing.
        Path noKey = dir.resolve("anon.key");
        String early = Bootstrap.shellOneLiner(keyed, noKey.toString());
        Process sh = new ProcessBuilder("sh", "-c", early.replace("command -v curl", "exit 99; command -v curl")).start();
        String err = new String(sh.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, sh.waitFor(), err);
        assertTrue(err.contains("this institution anonymizes addresses (key id uni-x-2026): put its Crypto-PAn key in " + noKey), err);
        assertFalse(err.contains("s".repeat(43)), "the message shows the token");
        Files.writeString(noKey, "00".repeat(32) + "\n");
        sh = new ProcessBuilder("sh", "-c", early.replace("command -v curl", "exit 99; command -v curl")).start();
        assertEquals(99, sh.waitFor(), "with the key in place the line goes on to its download");
    }

    private static IssuedToken issued(String keyId) {
        return new IssuedToken(TOKEN, "0123456789abcdef", Instant.parse("2030-01-01T00:00:00Z"), "hub.example", 8443, SHA, keyId);
    }

    @Test
    void cloudInitRunsTheSameLineFromARootOnlyScriptItRemoves() {
        IssuedToken issued = new IssuedToken(TOKEN, "0123456789abcdef", Instant.parse("2030-01-01T00:00:00Z"), "hub.example",
                8443, SHA);
        String yaml = Bootstrap.cloudInit(issued);
        assertTrue(yaml.startsWith("#cloud-config\n"), yaml);
        assertTrue(yaml.contains("      " + Bootstrap.shellOneLiner(issued) + "\n"), yaml);
        assertTrue(yaml.contains("permissions: '0700'") && yaml.contains("rm -f /root/portscope-enroll.sh"), yaml);
        assertFalse(issued.toString().contains("s".repeat(43)), "the token shows in toString");
        assertEquals("hub.example:8443", issued.hub());
    }
}
