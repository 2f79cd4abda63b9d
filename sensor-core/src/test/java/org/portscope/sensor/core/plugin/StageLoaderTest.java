package org.portscope.sensor.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.sensor.api.Anonymizer;
import org.portscope.sensor.api.ConfigException;
import org.portscope.sensor.api.Forwarder;
import org.portscope.sensor.api.PacketSource;
import org.portscope.sensor.api.SensorContext;
import org.portscope.sensor.api.StageConfig;
import org.portscope.sensor.core.metrics.MetricsRegistry;

class StageLoaderTest {
  private static final String FORWARDER = """
      package testplugin;
      import org.pf4j.Extension;
      import org.portscope.sensor.api.*;
      @Extension
      public class CountingForwarder implements Forwarder {
        private Metrics.Counter seen;
        public void configure(StageConfig c, SensorContext ctx) {
          c.allowOnly(java.util.Set.of("plugin", "label"));
          seen = ctx.metrics().counter("test_seen_total", "seen", "label", c.string("label"));
        }
        public void accept(Observation o) { seen.increment(); }
        public void flush() {}
        public void close() {}
      }
      """;

  @TempDir
  Path dir;

  private final MetricsRegistry metrics = new MetricsRegistry();
  private final SensorContext ctx = new SensorContext() {
    public String nodeId() {
      return "n1";
    }

    public InstantSource clock() {
      return InstantSource.system();
    }

    public org.portscope.sensor.api.Metrics metrics() {
      return metrics;
    }

    public Path stateDir(String name) {
      return dir;
    }
  };

  @Test
  void loadsAndConfiguresAnExtensionFromARealPluginJar() throws Exception {
    Path plugins = TestPluginJar.build(dir, "counting", ">=0.1.0", "testplugin.CountingForwarder",
        FORWARDER);
    try (StageLoader loader = new StageLoader(plugins)) {
      StageConfig a = new StageConfig("forward[0]", Map.of("plugin", "counting", "label", "a"));
      StageConfig b = new StageConfig("forward[1]", Map.of("plugin", "counting", "label", "b"));
      Forwarder first = loader.create(Forwarder.class, a, ctx);
      Forwarder second = loader.create(Forwarder.class, b, ctx);
      assertNotSame(first, second, "two sections naming one plugin get two instances");
      assertEquals("counting", loader.pluginIds().get(0));
      assertTrue(metrics.snapshot().containsKey("test_seen_total{label=\"a\"}"));
    }
  }

  @Test
  void refusesAPluginThatNeedsANewerApiNamingBothVersions() throws Exception {
    Path plugins = TestPluginJar.build(dir, "future", ">=9.0.0", "testplugin.CountingForwarder",
        FORWARDER);
    try (StageLoader loader = new StageLoader(plugins)) {
      ConfigException e = assertThrows(ConfigException.class, () -> loader.create(Forwarder.class,
          new StageConfig("forward[0]", Map.of("plugin", "future", "label", "x")), ctx));
      assertTrue(e.getMessage().contains("forward[0].plugin"), e.getMessage());
      assertTrue(e.getMessage().contains(">=9.0.0") && e.getMessage().contains(StageLoader.API_VERSION),
          e.getMessage());
    }
  }

  @Test
  void unknownPluginNamesTheKeyAndWhatIsAvailable() throws Exception {
    Path plugins = TestPluginJar.build(dir, "counting", ">=0.1.0", "testplugin.CountingForwarder",
        FORWARDER);
    try (StageLoader loader = new StageLoader(plugins)) {
      assertCaptureNopeIsNotInstalled(loader);
    }
  }

  @Test
  void aPluginOfTheWrongStageIsRefused() throws Exception {
    Path plugins = TestPluginJar.build(dir, "counting", ">=0.1.0", "testplugin.CountingForwarder",
        FORWARDER);
    try (StageLoader loader = new StageLoader(plugins)) {
      ConfigException e = assertThrows(ConfigException.class, () -> loader.create(Anonymizer.class,
          new StageConfig("anonymize", Map.of("plugin", "counting")), ctx));
      assertEquals("anonymize.plugin: 'counting' is not a Anonymizer plugin", e.getMessage());
    }
  }

  @Test
  void aBadValueInTheSectionSurfacesFromConfigure() throws Exception {
    Path plugins = TestPluginJar.build(dir, "counting", ">=0.1.0", "testplugin.CountingForwarder",
        FORWARDER);
    try (StageLoader loader = new StageLoader(plugins)) {
      ConfigException e = assertThrows(ConfigException.class, () -> loader.create(Forwarder.class,
          new StageConfig("forward[2]", Map.of("plugin", "counting", "labl", "x")), ctx));
      assertTrue(e.getMessage().startsWith("forward[2].labl: unknown key"), e.getMessage());
    }
  }

  @Test
  void aSensorLoadsOnlyThePluginsItsConfigNames() throws Exception {
    TestPluginJar.build(dir, "other", ">=0.1.0", "testplugin.CountingForwarder", FORWARDER);
    Path plugins = TestPluginJar.build(dir, "counting", ">=0.1.0", "testplugin.CountingForwarder",
        FORWARDER);
    try (StageLoader loader = StageLoader.forPlugins(plugins, List.of("counting", "identity"))) {
      assertEquals(List.of("counting"), loader.pluginIds());
      loader.create(Forwarder.class, new StageConfig("forward[0]", Map.of("plugin", "counting",
          "label", "a")), ctx);
      assertTrue(metrics.snapshot().containsKey("test_seen_total{label=\"a\"}"));
    }
  }

  @Test
  void aPluginInAJarOfAnotherNameIsFoundByLoadingTheWholeFolder() throws Exception {
    Path plugins = TestPluginJar.build(dir, "counting", ">=0.1.0", "testplugin.CountingForwarder",
        FORWARDER);
    TestPluginJar.build(dir, "other", ">=0.1.0", "testplugin.CountingForwarder", FORWARDER);
    Files.move(plugins.resolve("other.jar"), plugins.resolve("other-plugin-1.0.jar"));
    try (StageLoader loader = StageLoader.forPlugins(plugins, List.of("other"))) {
      assertEquals(List.of("counting", "other"), loader.pluginIds());
      loader.create(Forwarder.class, new StageConfig("forward[0]", Map.of("plugin", "other",
          "label", "b")), ctx);
    }
    try (StageLoader loader = StageLoader.forPlugins(plugins, List.of("../plugins/counting"))) {
      assertEquals(List.of("counting", "other"), loader.pluginIds(), "no path outside the ids");
    }
  }

  @Test
  void anUnknownPluginReadsTheSameWhenOnlyNamedPluginsAreLoaded() throws Exception {
    Path plugins = TestPluginJar.build(dir, "counting", ">=0.1.0", "testplugin.CountingForwarder",
        FORWARDER);
    try (StageLoader loader = StageLoader.forPlugins(plugins, List.of("capture-nope", "counting"))) {
      assertCaptureNopeIsNotInstalled(loader);
    }
  }

  @Test
  void theHostImplementsTheApiVersionPluginsAreBuiltFor() {
    // Plugin jars are stamped Plugin-Requires: >=${portscope.api.version} (root pom).
    assertEquals(System.getProperty("portscope.api.version"), StageLoader.API_VERSION);
  }

  /** The refusal of an unknown capture plugin names the key and what is installed. */
  private void assertCaptureNopeIsNotInstalled(StageLoader loader) {
    ConfigException e = assertThrows(ConfigException.class, () -> loader.create(
        PacketSource.class, new StageConfig("capture", Map.of("plugin", "capture-nope")), ctx));
    assertTrue(e.getMessage().startsWith("capture.plugin: 'capture-nope' is not installed"),
        e.getMessage());
    assertTrue(e.getMessage().contains("counting") && e.getMessage().contains("identity"),
        e.getMessage());
  }
}
