package org.portscope.hub.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.sensor.api.IpAddress;

class PeersFileTest {
  @TempDir Path dir;

  Path write(String yaml, Instant modified) throws Exception {
    // As the provisioner does it: write beside, then rename over.
    Path tmp = dir.resolve("peers.yaml.tmp");
    Files.writeString(tmp, yaml);
    Files.setLastModifiedTime(tmp, FileTime.from(modified));
    return Files.move(tmp, dir.resolve("peers.yaml"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void loadsAndReloadsOnChangeKeepingTheLastGoodTable() throws Exception {
    Path f = write("peers:\n  - {name: node-a, institution: uni-x, address: 10.77.0.2}\n", Instant.parse("2025-01-01T00:00:00Z"));
    PeersFile peers = PeersFile.load(f);
    assertEquals("node-a", peers.byAddress(IpAddress.parse("10.77.0.2")).orElseThrow().name());
    assertEquals("node-a", peers.byAddress(IpAddress.parse("::ffff:10.77.0.2")).orElseThrow().name(),
        "an IPv4-mapped source is the IPv4 peer");
    assertFalse(peers.refresh(), "unchanged");
    write("peers:\n  - {name: node-a, institution: uni-x, address: 10.77.0.2}\n"
        + "  - {name: node-b, institution: uni-x, address: 'fd00::3'}\n", Instant.parse("2025-01-01T00:01:00Z"));
    assertTrue(peers.refresh());
    assertEquals("node-b", peers.byAddress(IpAddress.parse("fd00::3")).orElseThrow().name());
    write("peers:\n  - {name: node-a, institution: uni-x, address: 10.77.0.2}\n"
        + "  - {name: node-a, institution: uni-x, address: 10.77.0.9}\n", Instant.parse("2025-01-01T00:02:00Z"));
    assertFalse(peers.refresh(), "a broken file is not taken");
    assertEquals(2, peers.all().size());
  }

  @Test
  void invalidFilesNameTheProblem() throws Exception {
    Path f = write("peers:\n  - {name: node-a, institution: uni-x, address: 10.77.0.2}\n"
        + "  - {name: node-b, institution: uni-x, address: 10.77.0.2}\n", Instant.now());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> PeersFile.load(f)).getMessage()
        .contains("share the overlay address 10.77.0.2"));
    Path g = write("peers:\n  - {name: node-a, address: 10.77.0.2}\n", Instant.now());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> PeersFile.load(g)).getMessage()
        .contains("peers[0].institution is missing"));
    Path h = write("peers:\n  - {name: node-a, institution: x, address: node-a.example}\n", Instant.now());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> PeersFile.load(h)).getMessage()
        .contains("peers[0].address"));
  }
}
