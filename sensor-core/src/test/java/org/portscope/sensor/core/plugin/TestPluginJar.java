package org.portscope.sensor.core.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds a real PF4J plugin jar in a folder: compiles a Java source against the test classpath
 * (sensor-api and pf4j, whose annotation processor writes extensions.idx) and packs it with the
 * plugin descriptor in the manifest, as the plugins' build does.
 */
final class TestPluginJar {
  private TestPluginJar() {}

  static Path build(Path dir, String pluginId, String requires, String className, String source)
      throws IOException {
    Path src = dir.resolve("src-" + pluginId);
    Path classes = dir.resolve("classes-" + pluginId);
    Path file = src.resolve(className.replace('.', '/') + ".java");
    Files.createDirectories(file.getParent());
    Files.createDirectories(classes);
    Files.writeString(file, source);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp",
        System.getProperty("java.class.path"), file.toString());
    if (rc != 0) {
      throw new IllegalStateException("test plugin source did not compile");
    }
    Manifest mf = new Manifest();
    Attributes a = mf.getMainAttributes();
    a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    a.putValue("Plugin-Id", pluginId);
    a.putValue("Plugin-Version", "1.0.0");
    a.putValue("Plugin-Requires", requires);
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Path jar = plugins.resolve(pluginId + ".jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), mf);
        Stream<Path> walk = Files.walk(classes)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
        try (var in = Files.newInputStream(p)) {
          in.transferTo(out);
        }
        out.closeEntry();
      }
    }
    return plugins;
  }

  static List<String> entries(Path jar) throws IOException {
    try (var zip = new java.util.zip.ZipFile(jar.toFile())) {
      return zip.stream().map(java.util.zip.ZipEntry::getName).toList();
    }
  }
}
