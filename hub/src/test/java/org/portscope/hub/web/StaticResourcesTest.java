package org.portscope.hub.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticResourcesTest {
  private final StaticResources resources = StaticResources.dashboard();

  @Test
  void mapsTheRootAndThePageFolder() {
    assertEquals(Optional.of("web/index.html"), resources.classpathName("/"));
    assertEquals(Optional.of("web/index.html"), resources.classpathName("/index.html"));
    assertEquals(Optional.of("web/js/charts.js"), resources.classpathName("/web/js/charts.js"));
  }

  @Test
  void findsAWebJarWithoutNamingItsVersion() {
    String name = resources.classpathName("/webjars/chart.js/dist/chart.umd.min.js").orElseThrow();
    assertTrue(name.matches("META-INF/resources/webjars/chart\\.js/4\\.[0-9.]+/dist/chart\\.umd\\.min\\.js"), name);
    assertTrue(resources.find("/webjars/chart.js/dist/chart.umd.min.js").isPresent());
  }

  @Test
  void aWebJarNotAllowedIsNotServedEvenWhenOnTheClasspath() {
    StaticResources none = new StaticResources(getClass().getClassLoader(), "web", Map.of());
    assertEquals(Optional.empty(), none.classpathName("/webjars/chart.js/dist/chart.umd.min.js"));
  }

  @Test
  void refusesPathsThatCouldLeaveThePage() {
    for (String p : new String[] {"", "web/index.html", "/web/", "/web/../x.js", "/web/./index.html",
        "/web/a//b.js", "/web/.env.js", "/web/%2e%2e/x.js", "/web/a\\..\\b.js", "/web/index.html/",
        "/web/noextension", "/web/file.class", "/web/file.sql", "/x" + "/a".repeat(200) + ".js"}) {
      assertEquals(Optional.empty(), resources.classpathName(p), p);
    }
  }

  @Test
  void aFolderIsNotAFile(@TempDir Path dir) throws Exception {
    // Folders whose names end like files: the regular-file check, not the extension, refuses them.
    Files.createDirectories(dir.resolve("web/folder.js"));
    Files.writeString(dir.resolve("web/file.js"), "export {};");
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
      StaticResources files = new StaticResources(loader, "web", Map.of());
      assertEquals("export {};", new String(files.find("/web/file.js").orElseThrow().body(), StandardCharsets.UTF_8));
      assertEquals(Optional.empty(), files.find("/web/folder.js"));
    }
    StaticResources inJar = new StaticResources(getClass().getClassLoader(), "META-INF/resources/webjars", Map.of());
    assertTrue(getClass().getClassLoader().getResource("META-INF/resources/webjars/chart.js") != null);
    assertEquals(Optional.empty(), inJar.find("/web/chart.js"));
  }

  @Test
  void contentTypesByExtension() {
    assertEquals(Optional.of("text/javascript; charset=utf-8"), StaticResources.contentType("a/b.JS"));
    assertEquals(Optional.of("image/svg+xml"), StaticResources.contentType("favicon.svg"));
    assertEquals(Optional.empty(), StaticResources.contentType("a.b/c"));
    assertEquals(Optional.empty(), StaticResources.contentType(".css"));
  }

  @Test
  void cachesWhatItFoundAndTagsItByContent() {
    StaticResource css = resources.find("/web/dashboard.css").orElseThrow();
    assertSame(css, resources.find("/web/dashboard.css").orElseThrow());
    assertNotEquals(css.etag(), resources.find("/web/js/main.js").orElseThrow().etag());
    assertTrue(css.etag().matches("\"[0-9a-f]{24}\""), css.etag());
  }
}
