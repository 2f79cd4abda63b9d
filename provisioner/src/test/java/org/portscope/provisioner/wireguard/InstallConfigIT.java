package org.portscope.provisioner.wireguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.provisioner.plan.AddressPlan;
import org.portscope.provisioner.plan.AddressPlanner;
import org.portscope.provisioner.plan.Cidr;
import org.portscope.provisioner.plan.OverlayNetwork;
import org.portscope.provisioner.testing.Prerequisites;
import org.portscope.provisioner.testing.Proc;

/** install-config.sh with the system's sh and awk (mawk on Debian), as a node runs it. */
class InstallConfigIT {

    @TempDir
    Path dir;

    private final SecureRandom random = new SecureRandom();
    private InstallScript script;
    private Path keyFile;
    private WgPrivateKey key;
    private Path rendered;

    @BeforeAll
    static void tools() {
        Prerequisites.tool("sh", "dash");
        Prerequisites.tool("awk", "mawk");
        Prerequisites.tool("mktemp", "coreutils");
    }

    @BeforeEach
    void renderedConfig() throws IOException {
        script = InstallScript.extract(dir);
        key = WgPrivateKey.generate(random);
        keyFile = dir.resolve("wg0.key");
        KeyFiles.writePrivateKey(keyFile, key);
        AddressPlan plan = AddressPlanner.plan(OverlayNetwork.ipv4Only(Cidr.parse("10.77.0.0/24")), List.of("n1"));
        rendered = dir.resolve("rendered.conf");
        Files.writeString(rendered, new WgConfigRenderer().renderNode(OverlayConfigs.node(plan, "n1", "wg0",
                keyFile, WgPrivateKey.generate(random).publicKey(), WgPresharedKey.generate(random),
                Endpoint.parse("198.18.0.1:51820"))));
    }

    @Test
    void fillsTheKeyAndNothingElseOwnerOnly() throws IOException {
        Path target = dir.resolve("wg0.conf");
        Proc.Result result = script.run(rendered, target).requireSuccess();
        assertEquals("", result.out() + result.err());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        String expected = Files.readString(rendered).replace(
                WgConfigRenderer.PRIVATE_KEY_LINE + keyFile, "PrivateKey = " + key.toBase64());
        assertEquals(expected, Files.readString(target));
        assertEquals(key.toBase64(), WgConfigFile.parse(Files.readString(target)).iface().value("PrivateKey"));
        assertEquals(List.of("install-config.sh", "rendered.conf", "wg0.conf", "wg0.key"), names());
    }

    @Test
    void replacesAnInstalledConfigAndTightensItsMode() throws IOException {
        Path target = dir.resolve("wg0.conf");
        Files.writeString(target, "old\n");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
        script.run(rendered, target).requireSuccess();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        assertTrue(Files.readString(target).contains("PrivateKey = " + key.toBase64()));
    }

    @Test
    void aMissingKeyFileFailsAndLeavesTheTargetAlone() throws IOException {
        Path target = dir.resolve("wg0.conf");
        Files.writeString(target, "old\n");
        Files.delete(keyFile);
        Proc.Result result = script.run(rendered, target);
        assertEquals(1, result.exit());
        assertTrue(result.err().contains("cannot read the private key file " + keyFile), result.err());
        assertEquals("old\n", Files.readString(target));
        assertEquals(List.of("install-config.sh", "rendered.conf", "wg0.conf"), names(), "no temp left");
    }

    @Test
    void aKeyFileThatIsNotAKeyIsRefusedWithoutPrintingIt() throws IOException {
        Files.writeString(keyFile, "not-a-key-but-maybe-secret\n");
        Path target = dir.resolve("wg0.conf");
        Proc.Result result = script.run(rendered, target);
        assertEquals(1, result.exit());
        assertTrue(result.err().contains(keyFile + " does not hold a WireGuard private key"), result.err());
        assertFalse(result.err().contains("maybe-secret"), result.err());
        assertFalse(Files.exists(target));
    }

    @Test
    void aConfigWithoutTheKeyLineIsRefused() throws IOException {
        Path plain = dir.resolve("plain.conf");
        Files.writeString(plain, "[Interface]\nListenPort = 1\n");
        Proc.Result result = script.run(plain, dir.resolve("wg0.conf"));
        assertEquals(1, result.exit());
        assertTrue(result.err().contains("expected one \"PrivateKey = @file:PATH\" line, found 0"), result.err());
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
