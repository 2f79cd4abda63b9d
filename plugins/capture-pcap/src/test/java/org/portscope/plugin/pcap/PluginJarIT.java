package org.portscope.plugin.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.portscope.sensor.api.LinkType;
import org.portscope.sensor.api.PacketSource;
import org.portscope.sensor.api.StageConfig;

/** The plugin jar that {@code package} built, as a node gets it: its manifest, then loaded by PF4J. */
class PluginJarIT {
  /** The sensor API version of the build (the root pom's portscope.api.version, passed by Failsafe). */
  private static final String API = java.util.Objects.requireNonNull(System.getProperty("portscope.api.version"),
      "system property portscope.api.version (set by the build's Failsafe configuration)");

  @TempDir Path dir;

  private static Path pluginJar() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      return files.filter(p -> p.getFileName().toString().endsWith("-plugin.jar")).findFirst()
          .orElseThrow(() -> new AssertionError("no *-plugin.jar in target/: run mvn package first"));
    }
  }

  @Test
  void manifestDescribesThePluginAndTheApiIsNotBundled() throws Exception {
    try (JarFile jar = new JarFile(pluginJar().toFile())) {
      Attributes manifest = jar.getManifest().getMainAttributes();
      assertEquals("capture-pcap", manifest.getValue("Plugin-Id"));
      assertEquals(API, manifest.getValue("Plugin-Version"));
      assertEquals(">=" + API, manifest.getValue("Plugin-Requires"));
      assertEquals("portscope", manifest.getValue("Plugin-Provider"));
      assertTrue(manifest.getValue("Plugin-Description").contains("pcapng"));
      assertTrue(new String(jar.getInputStream(jar.getEntry("META-INF/extensions.idx")).readAllBytes())
          .contains(PcapCaptureSource.class.getName()));
      assertTrue(jar.getEntry("org/pcap4j/core/PcapHandle.class") != null, "pcap4j is bundled");
      assertTrue(jar.getEntry("com/sun/jna/linux-x86-64/libjnidispatch.so") != null, "JNA's native part is bundled");
      assertNull(jar.getEntry("org/portscope/sensor/api/PacketSource.class"), "sensor-api must come from the host");
      assertNull(jar.getEntry("org/pf4j/Extension.class"), "PF4J must come from the host");
      assertNull(jar.getEntry("org/slf4j/Logger.class"), "slf4j must come from the host");
    }
  }

  @Test
  void pf4jLoadsTheJarAndItsSourceReadsAFile() throws Exception {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Files.copy(pluginJar(), plugins.resolve("capture-pcap.jar"));
    Path file = new PcapBuilder(ByteOrder.LITTLE_ENDIAN, false, LinkType.ETHERNET, 262144)
        .record(1_000, Frames.bytes(1, 60)).record(2_000, Frames.bytes(2, 60)).write(dir.resolve("two.pcap"));

    PluginManager manager = new DefaultPluginManager(plugins);
    manager.setSystemVersion(API);
    manager.loadPlugins();
    manager.startPlugins();
    try {
      assertEquals(PluginState.STARTED, manager.getPlugin("capture-pcap").getPluginState());
      List<PacketSource> sources = manager.getExtensions(PacketSource.class, "capture-pcap");
      assertEquals(1, sources.size());
      PacketSource source = sources.get(0);
      assertEquals(PcapCaptureSource.class.getName(), source.getClass().getName());
      assertNotSame(PcapCaptureSource.class, source.getClass(), "the class must come from the jar, not the test classpath");

      source.configure(new StageConfig("capture", Map.of("plugin", "capture-pcap", "file", file.toString())),
          new TestContext(dir));
      CollectingSink sink = new CollectingSink();
      source.run(sink);
      source.close();
      assertFalse(source.isLive());
      assertEquals(2, sink.put.size());
    } finally {
      // Per plugin: stopPlugins() in PF4J 3.15.0 removes from the list it iterates (pf4j#656).
      manager.stopPlugin("capture-pcap");
      manager.unloadPlugin("capture-pcap");
    }
  }
}
