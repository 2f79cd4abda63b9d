package org.portscope.provisioner.onboard.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.provisioner.testing.Prerequisites;
import org.portscope.provisioner.testing.Proc;

/** The hub service's systemd unit, as onboarding writes it, passes {@code systemd-analyze verify}. */
class HubUnitIT {

    @TempDir
    Path dir;

    @Test
    void theUnitPassesSystemdAnalyzeVerify() throws IOException {
        Path analyze = Prerequisites.tool("systemd-analyze", "systemd");
        Path unit = Files.write(dir.resolve("portscope-hub.service"), HubFiles.unit("wg0", dir.resolve("portscope-hub.jar").toString()));
        Proc.Result result = Proc.run(List.of(analyze.toString(), "verify", unit.toString()));
        String output = result.out() + result.err();
        assertEquals(0, result.exit(), output);
        // verify exits 0 on mere warnings (an unknown key is ignored): any line about our file is a finding.
        assertTrue(output.lines().noneMatch(l -> l.contains("portscope-hub.service")), output);
    }

    @Test
    void theEnrolledPeersUnitsPassSystemdAnalyzeVerify() throws IOException {
        Path analyze = Prerequisites.tool("systemd-analyze", "systemd");
        assertTrue(new String(HubFiles.peersService("wg0"), java.nio.charset.StandardCharsets.UTF_8)
                .contains("ExecStart=/opt/portscope/bin/portscope-wg-apply wg0"));
        // verify wants an executable that exists: the script as the repository has it
        Path apply = Path.of("../wireguard-templates/portscope-wg-apply").toAbsolutePath().normalize();
        Path service = Files.write(dir.resolve("portscope-hub-peers.service"), HubFiles.peersService("wg0", apply.toString()));
        Path path = Files.write(dir.resolve("portscope-hub-peers.path"), HubFiles.peersPath());
        String text = Files.readString(service);
        assertTrue(text.contains("After=wg-quick@wg0.service"), text);
        Proc.Result result = Proc.run(List.of(analyze.toString(), "verify", service.toString(), path.toString()));
        String output = result.out() + result.err();
        assertEquals(0, result.exit(), output);
        assertTrue(output.lines().noneMatch(l -> l.contains("portscope-hub-peers")), output);
    }
}
