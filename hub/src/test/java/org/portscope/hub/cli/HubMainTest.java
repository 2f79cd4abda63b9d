package org.portscope.hub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubMainTest {
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int run(String... args) {
    return HubMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void helpOnEveryLevel() {
    assertEquals(0, run("--help"));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("run --config FILE"));
    out.reset();
    assertEquals(0, run("run", "--help"));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("retention: 90d"));
    assertEquals(2, run());
  }

  @Test
  void usageErrorsAreExit2WithAMessage(@TempDir Path dir) throws Exception {
    assertEquals(2, run("serve"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown command 'serve'"));
    assertEquals(2, run("run", "--config", dir.resolve("missing.yaml").toString()));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("does not exist"));
    Path bad = Files.writeString(dir.resolve("hub.yaml"),
        "collector: {listen: nowhere}\napi: {listen: '127.0.0.1:0'}\nstore: {path: h}\npeers: p\n");
    assertEquals(2, run("run", "--config", bad.toString()));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("collector.listen is 'nowhere'"), err.toString());
  }
}
