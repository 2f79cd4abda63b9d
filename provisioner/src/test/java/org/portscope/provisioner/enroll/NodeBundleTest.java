package org.portscope.provisioner.enroll;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.provisioner.onboard.machine.Assets;

class NodeBundleTest {

    @TempDir
    Path dir;

    @Test
    void gnuTarListsTheSensorWhereOnboardingInstallsItAndTheBytesAreStable() throws Exception {
        Path bundle = Files.createDirectories(dir.resolve("bundle/plugins"));
        Files.write(dir.resolve("bundle/portscope-sensor.jar"), new byte[1000]);
        Files.write(bundle.resolve("capture-pcap.jar"), new byte[512]);
        Files.write(bundle.resolve("enroll.jar"), new byte[3]);
        Assets assets = new Assets(dir.resolve("bundle"), dir.resolve("hub.jar"));
        byte[] first = NodeBundle.build(assets);
        assertArrayEquals(first, NodeBundle.build(assets), "two builds differ");
        Path tgz = Files.write(dir.resolve("node.tgz"), first);
        Process tar = new ProcessBuilder("tar", "-tvzf", tgz.toString()).redirectErrorStream(true).start();
        List<String> listing = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .map(l -> l.replaceAll("\\s+", " ").replaceAll(" 1970-01-01 00:00", "")).toList();
        assertEquals(0, tar.waitFor(), listing.toString());
        assertEquals(-1, listing.get(0).indexOf("tar:"), listing.toString());
        assertEquals("-rwxr-xr-x root/root", listing.get(0).substring(0, 20));
        assertEquals(List.of("opt/portscope/bin/portscope-sensor", "opt/portscope/portscope-sensor.jar",
                "opt/portscope/plugins/capture-pcap.jar", "opt/portscope/plugins/enroll.jar"),
                listing.stream().map(l -> l.substring(l.lastIndexOf(' ') + 1)).toList());
        assertEquals("-rw-r--r-- root/root 1000 opt/portscope/portscope-sensor.jar", listing.get(1));
    }
}
