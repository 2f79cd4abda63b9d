package org.portscope.plugin.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.sensor.api.ConfigException;
import org.portscope.sensor.api.StageConfig;

/** Smoke test: made from a config map, used once, closed. */
class CollectorForwarderTest {
  @TempDir
  Path dir;

  static CollectorForwarder create(TestContext ctx, String hub, Object... more) {
    Map<String, Object> m = new java.util.HashMap<>(Map.of("plugin", "forward-collector", "hub", hub));
    for (int i = 0; i < more.length; i += 2) {
      m.put((String) more[i], more[i + 1]);
    }
    CollectorForwarder f = new CollectorForwarder();
    f.configure(new StageConfig("forward[0]", m), ctx);
    return f;
  }

  @Test
  void oneObservationReachesTheHubAndCloseLeavesNothingSpooled() throws Exception {
    TestContext ctx = new TestContext(dir, true);
    try (TestHub hub = TestHub.start()) {
      CollectorForwarder f = create(ctx, hub.address());
      f.start();
      f.accept(Samples.syn(42));
      f.flush();
      f.close();
      hub.awaitStored(1, Duration.ofSeconds(10));
      assertEquals(List.of(Samples.syn(42)), hub.stored());
      assertEquals(1, ctx.metrics.value("batches_acked"));
      assertEquals(1, ctx.metrics.value("observations_forwarded"));
      try (Stream<Path> left = Files.list(ctx.stateDir("forward[0]").resolve("spool"))) {
        assertEquals(0, left.count(), "acknowledged batches leave the spool");
      }
    }
  }

  @Test
  void withTheHubDownCloseReturnsAndKeepsTheBatchSpooled() throws Exception {
    TestContext ctx = new TestContext(dir, true);
    CollectorForwarder f = create(ctx, "127.0.0.1:" + TestHub.freePort(), "connect-timeout", "30s");
    f.start();
    f.accept(Samples.syn(1));
    long t0 = System.nanoTime();
    f.close();
    assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(20).toNanos(),
        "close does not wait for a hub that refused the connection");
    assertEquals(1, ctx.metrics.value("batches_spooled"));
    assertEquals(0, ctx.metrics.value("batches_acked"));
    assertTrue(Files.exists(ctx.stateDir("forward[0]").resolve("spool").resolve(SpoolFile.name(0))));
  }

  @Test
  void aBadSettingStopsConfigureWithTheKeyInTheMessage() {
    TestContext ctx = new TestContext(dir, true);
    ConfigException e = assertThrows(ConfigException.class, () -> create(ctx, "hub-without-port"));
    assertTrue(e.getMessage().startsWith("forward[0].hub: 'hub-without-port' is not valid"), e.getMessage());
  }
}
