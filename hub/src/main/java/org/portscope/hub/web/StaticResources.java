package org.portscope.hub.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The dashboard's files, read from the classpath: {@code /} is {@code web/index.html}, {@code /web/X}
 * is {@code web/X}, and {@code /webjars/NAME/X} is file X of an allowed WebJar, whatever its version
 * (so the page does not repeat the version the pom pins).
 *
 * <p>A request path reaches nothing else: every segment must be a plain file or folder name (letters,
 * digits, {@code . _ -}, not starting with a dot, so no {@code ..} and no hidden files), the name must
 * end in an extension with a known content type, and the resource must be a regular file (a folder on
 * the classpath would otherwise list its entries).
 */
public final class StaticResources {
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,99}");
  private static final int MAX_PATH = 300;
  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("html", "text/html; charset=utf-8"),
      Map.entry("css", "text/css; charset=utf-8"),
      Map.entry("js", "text/javascript; charset=utf-8"),
      Map.entry("mjs", "text/javascript; charset=utf-8"),
      Map.entry("json", "application/json; charset=utf-8"),
      Map.entry("map", "application/json; charset=utf-8"),
      Map.entry("svg", "image/svg+xml"),
      Map.entry("png", "image/png"),
      Map.entry("ico", "image/x-icon"),
      Map.entry("woff2", "font/woff2"),
      Map.entry("txt", "text/plain; charset=utf-8"),
      Map.entry("md", "text/markdown; charset=utf-8"));

  private final ClassLoader loader;
  private final String root;
  private final Map<String, String> webJars;
  private final Map<String, StaticResource> cache = new ConcurrentHashMap<>();

  /**
   * @param root the classpath folder of the page, e.g. {@code web}
   * @param webJars the WebJars that may be served: name to Maven group, e.g. chart.js to org.webjars.npm
   */
  public StaticResources(ClassLoader loader, String root, Map<String, String> webJars) {
    this.loader = Objects.requireNonNull(loader, "loader");
    this.root = Objects.requireNonNull(root, "root");
    this.webJars = Map.copyOf(webJars);
  }

  /** The dashboard as the hub jar ships it: {@code web/} and the Chart.js WebJar. */
  public static StaticResources dashboard() {
    return new StaticResources(StaticResources.class.getClassLoader(), "web",
        Map.of("chart.js", "org.webjars.npm"));
  }

  /**
   * The file a request path names, or empty when it names none that may be served.
   *
   * @param path the request path as sent (still percent-encoded); an encoded character is refused
   * @throws UncheckedIOException when a file that exists cannot be read
   */
  public Optional<StaticResource> find(String path) {
    Optional<String> name = classpathName(path);
    if (name.isEmpty()) {
      return Optional.empty();
    }
    StaticResource cached = cache.get(name.get());
    if (cached != null) {
      return Optional.of(cached);
    }
    // Only found files are cached: a miss is cheap, and caching misses would grow with every probe.
    Optional<StaticResource> found = load(name.get());
    found.ifPresent(r -> cache.put(name.get(), r));
    return found;
  }

  /** The classpath name a request path maps to, when it is well formed. */
  Optional<String> classpathName(String path) {
    if (path == null || path.length() > MAX_PATH || path.indexOf('%') >= 0) {
      return Optional.empty();
    }
    if (path.equals("/") || path.equals("/index.html")) {
      return Optional.of(root + "/index.html");
    }
    if (path.startsWith("/web/") && plainRelative(path.substring(5))) {
      return Optional.of(root + "/" + path.substring(5));
    }
    if (path.startsWith("/webjars/")) {
      String rest = path.substring(9);
      int slash = rest.indexOf('/');
      if (slash > 0 && webJars.containsKey(rest.substring(0, slash)) && plainRelative(rest.substring(slash + 1))) {
        String jar = rest.substring(0, slash);
        return webJarVersion(jar).map(v -> "META-INF/resources/webjars/" + jar + "/" + v + "/" + rest.substring(slash + 1));
      }
    }
    return Optional.empty();
  }

  private static boolean plainRelative(String relative) {
    if (relative.isEmpty()) {
      return false;
    }
    for (String segment : relative.split("/", -1)) {
      if (!SEGMENT.matcher(segment).matches()) {
        return false;
      }
    }
    return contentType(relative).isPresent();
  }

  static Optional<String> contentType(String name) {
    int dot = name.lastIndexOf('.');
    int slash = name.lastIndexOf('/');
    if (dot <= slash + 1) {
      return Optional.empty();
    }
    return Optional.ofNullable(TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT)));
  }

  /** The version of a WebJar on the classpath, from the pom.properties Maven puts in every jar. */
  private Optional<String> webJarVersion(String jar) {
    String props = "META-INF/maven/" + webJars.get(jar) + "/" + jar + "/pom.properties";
    try (InputStream in = loader.getResourceAsStream(props)) {
      if (in == null) {
        return Optional.empty();
      }
      java.util.Properties p = new java.util.Properties();
      p.load(in);
      String version = p.getProperty("version");
      return version != null && SEGMENT.matcher(version).matches() ? Optional.of(version) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + props + ": " + e.getMessage(), e);
    }
  }

  private Optional<StaticResource> load(String name) {
    URL url = loader.getResource(name);
    if (url == null) {
      return Optional.empty();
    }
    try {
      if (!regularFile(url)) {
        return Optional.empty();
      }
      try (InputStream in = url.openStream()) {
        return Optional.of(StaticResource.of(in.readAllBytes(), contentType(name).orElseThrow()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name + " from the classpath: " + e.getMessage(), e);
    }
  }

  private static boolean regularFile(URL url) throws IOException {
    switch (url.getProtocol()) {
      case "file":
        try {
          return Files.isRegularFile(Path.of(url.toURI()));
        } catch (URISyntaxException | IllegalArgumentException e) {
          return false;
        }
      case "jar":
        URLConnection c = url.openConnection();
        c.setUseCaches(false);
        return c instanceof JarURLConnection j && j.getJarEntry() != null && !j.getJarEntry().isDirectory();
      default:
        return false;
    }
  }
}
