package org.portscope.provisioner.enroll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BootstrapTest {

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
