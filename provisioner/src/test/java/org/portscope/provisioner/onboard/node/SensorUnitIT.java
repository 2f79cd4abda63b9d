package org.portscope.provisioner.onboard.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.provisioner.testing.Prerequisites;
import org.portscope.provisioner.testing.Proc;

/**
 * The sensor's systemd unit, as onboarding writes it, passes {@code systemd-analyze verify}
 * (which needs no running systemd). Only the bundle's location differs: verify checks that
 * ExecStart= names an executable, so the unit points at a launcher in a temporary folder.
 */
class SensorUnitIT {

    @TempDir
    Path dir;

    @Test
    void theUnitPassesSystemdAnalyzeVerify() throws IOException {
        Path analyze = Prerequisites.tool("systemd-analyze", "systemd");
        Path unit = install(SensorFiles.unit("node1", "wg0", dir.toString()));
        Proc.Result result = Proc.run(List.of(analyze.toString(), "verify", unit.toString()));
        String output = result.out() + result.err();
        assertEquals(0, result.exit(), output);
        // verify exits 0 on mere warnings (an unknown key is ignored): any line about our file is a finding.
        assertTrue(output.lines().noneMatch(l -> l.contains("portscope-sensor.service")), output);
    }

    @Test
    void theCheckWouldCatchABrokenUnit() throws IOException {
        Path analyze = Prerequisites.tool("systemd-analyze", "systemd");
        String broken = new String(SensorFiles.unit("node1", "wg0", dir.toString())).replace("Restart=always", "Restart=alwayz");
        Path unit = install(broken.getBytes());
        Proc.Result result = Proc.run(List.of(analyze.toString(), "verify", unit.toString()));
        String output = result.out() + result.err();
        assertNotEquals(List.of(), output.lines().filter(l -> l.contains("portscope-sensor.service")).toList(), output);
    }

    private Path install(byte[] content) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path launcher = bin.resolve("portscope-sensor");
        if (!Files.exists(launcher)) {
            Files.writeString(launcher, "#!/bin/sh\nexit 0\n");
            Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return Files.write(dir.resolve("portscope-sensor.service"), content);
    }
}
