package org.portscope.plugin.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.portscope.sensor.api.Forwarder;
import org.portscope.sensor.api.StageConfig;

/** The plugin jar that {@code package} built, as a node gets it: its manifest, then loaded by PF4J. */
class PluginJarIT {
  /** The sensor API version of the build (the root pom's portscope.api.version, passed by Failsafe). */
  private static final String API = java.util.Objects.requireNonNull(System.getProperty("portscope.api.version"),
      "system property portscope.api.version (set by the build's Failsafe configuration)");

  @TempDir
  Path dir;

  private static Path pluginJar() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      return files.filter(p -> p.getFileName().toString().endsWith("-plugin.jar")).findFirst()
          .orElseThrow(() -> new AssertionError("no *-plugin.jar in target/: run mvn package first"));
    }
  }

  @Test
  void manifestDescribesThePluginNettyIsInsideAndTheApiIsNot() throws Exception {
    try (JarFile jar = new JarFile(pluginJar().toFile())) {
      Attributes manifest = jar.getManifest().getMainAttributes();
      assertEquals("forward-collector", manifest.getValue("Plugin-Id"));
      assertEquals(">=" + API, manifest.getValue("Plugin-Requires"));
      assertTrue(new String(jar.getInputStream(jar.getEntry("META-INF/extensions.idx")).readAllBytes())
          .contains(CollectorForwarder.class.getName()));
      assertNotNull(jar.getEntry("io/netty/bootstrap/Bootstrap.class"), "Netty is bundled");
      assertNotNull(jar.getEntry("io/netty/handler/codec/LengthFieldBasedFrameDecoder.class"));
      assertNull(jar.getEntry("org/portscope/sensor/api/wire/WireFrames.class"), "sensor-api must come from the host");
      assertNull(jar.getEntry("org/pf4j/Extension.class"), "PF4J must come from the host");
      assertNull(jar.getEntry("org/slf4j/Logger.class"), "slf4j must come from the host");
    }
  }

  @Test
  void pf4jLoadsTheJarAndItsForwarderDeliversToAHub() throws Exception {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Files.copy(pluginJar(), plugins.resolve("forward-collector.jar"));
    PluginManager manager = new DefaultPluginManager(plugins);
    manager.setSystemVersion(API);
    manager.loadPlugins();
    manager.startPlugins();
    try (TestHub hub = TestHub.start()) {
      assertEquals(PluginState.STARTED, manager.getPlugin("forward-collector").getPluginState());
      List<Forwarder> found = manager.getExtensions(Forwarder.class, "forward-collector");
      assertEquals(1, found.size());
      Forwarder f = found.get(0);
      assertEquals(CollectorForwarder.class.getName(), f.getClass().getName());
      assertNotSame(CollectorForwarder.class, f.getClass(), "the class must come from the jar, not the test classpath");

      TestContext ctx = new TestContext(dir.resolve("state"), true);
      f.configure(new StageConfig("forward[0]", Map.of("plugin", "forward-collector", "hub", hub.address())), ctx);
      f.start();
      f.accept(Samples.syn(7));
      f.close();
      hub.awaitStored(1, Duration.ofSeconds(30));
      assertEquals(List.of(Samples.syn(7)), hub.stored());
    } finally {
      // Per plugin: stopPlugins() in PF4J 3.15.0 removes from the list it iterates (pf4j#656).
      manager.stopPlugin("forward-collector");
      manager.unloadPlugin("forward-collector");
    }
  }
}
