package org.portscope.sensor.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnSocketsTest {
  @Test
  void aSocketWhoseDescriptorShowsARoundLateIsStillFoundOurs(@TempDir Path fds) throws Exception {
    // accept(): the connection is in /proc/net/tcp before its descriptor is in /proc/self/fd.
    OwnSockets own = new OwnSockets(fds);
    assertFalse(own.isOurs(42));
    own.forgetAllBut(Set.of(42L));
    Files.createSymbolicLink(fds.resolve("7"), Path.of("socket:[42]"));
    assertTrue(own.isOurs(42), "a first 'not ours' is asked again");
  }

  @Test
  void notOursTwiceRunningIsKeptAndNotListedAgain(@TempDir Path fds) throws Exception {
    OwnSockets own = new OwnSockets(fds);
    assertFalse(own.isOurs(43));
    own.forgetAllBut(Set.of(43L));
    assertFalse(own.isOurs(43));
    own.forgetAllBut(Set.of(43L));
    // Settled: a descriptor that turns up now is not looked for (inodes are not reused soon).
    Files.createSymbolicLink(fds.resolve("8"), Path.of("socket:[43]"));
    assertFalse(own.isOurs(43));
  }
}
