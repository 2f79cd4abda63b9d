package org.portscope.hub.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The dashboard's file handler on a real JDK HttpServer on loopback, as the hub mounts it. */
class WebHandlerTest {
  private static HttpServer server;
  private static URI base;
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    server.createContext("/", WebHandler.dashboard());
    server.start();
    base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  private static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void servesThePageWithItsPolicy() throws Exception {
    HttpResponse<byte[]> r = get("/");
    assertEquals(200, r.statusCode());
    assertEquals("text/html; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(WebHandler.CONTENT_SECURITY_POLICY, r.headers().firstValue("Content-Security-Policy").orElseThrow());
    assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElseThrow());
    String html = new String(r.body(), StandardCharsets.UTF_8);
    assertTrue(html.contains("<canvas id=\"chart-kinds\""), html);
    assertArrayEquals(classpath("web/index.html"), r.body());
  }

  @Test
  void servesScriptsStylesAndTheChartLibrary() throws Exception {
    HttpResponse<byte[]> js = get("/web/js/main.js");
    assertEquals("text/javascript; charset=utf-8", js.headers().firstValue("Content-Type").orElseThrow());
    assertArrayEquals(classpath("web/js/main.js"), js.body());
    assertEquals("text/css; charset=utf-8", get("/web/dashboard.css").headers().firstValue("Content-Type").orElseThrow());
    assertEquals("image/svg+xml", get("/web/favicon.svg").headers().firstValue("Content-Type").orElseThrow());

    HttpResponse<byte[]> chart = get("/webjars/chart.js/dist/chart.umd.min.js");
    assertEquals(200, chart.statusCode());
    assertEquals("text/javascript; charset=utf-8", chart.headers().firstValue("Content-Type").orElseThrow());
    assertTrue(new String(chart.body(), StandardCharsets.UTF_8).contains("Chart.js v4."), "the Chart.js UMD build");
  }

  @Test
  void answersNotModifiedForTheCurrentVersion() throws Exception {
    HttpResponse<byte[]> first = get("/web/dashboard.css");
    String etag = first.headers().firstValue("ETag").orElseThrow();
    assertEquals("no-cache", first.headers().firstValue("Cache-Control").orElseThrow());
    HttpResponse<byte[]> again = get("/web/dashboard.css", "If-None-Match", etag);
    assertEquals(304, again.statusCode());
    assertEquals(0, again.body().length);
    assertEquals(200, get("/web/dashboard.css", "If-None-Match", "\"stale\"").statusCode());
  }

  @Test
  void headHasNoBodyAndOtherMethodsAreRefused() throws Exception {
    HttpResponse<byte[]> head = CLIENT.send(HttpRequest.newBuilder(base.resolve("/web/dashboard.css"))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, head.statusCode());
    assertEquals(0, head.body().length);
    HttpResponse<byte[]> post = CLIENT.send(HttpRequest.newBuilder(base.resolve("/"))
        .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(405, post.statusCode());
    assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElseThrow());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/web/", "/web/js", "/web/nothing.js", "/web/index", "/web/.hidden.css",
      "/db/migration/1.sql", "/web/../db/migration/1.sql", "/web/%2e%2e/db/migration/1.sql",
      "/web/js/..%2fmain.js", "/web//index.html", "/webjars/chart.js/", "/webjars/chart.js/dist",
      "/webjars/chart.js/../chart.js/4.5.1/dist/chart.umd.js", "/webjars/other/x.js",
      "/META-INF/resources/webjars/chart.js/4.5.1/dist/chart.umd.js", "/web/org/portscope/hub/Hub.class"})
  void servesNothingOutsideThePage(String path) throws Exception {
    assertEquals(404, rawStatus(path), path);
  }

  /** Sends the path exactly as written (HttpClient would normalize dot segments first). */
  private static int rawStatus(String path) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getAddress().getPort())) {
      OutputStream out = s.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String status = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1).split("\r\n", 2)[0];
      return Integer.parseInt(status.split(" ")[1]);
    }
  }

  private static byte[] classpath(String name) throws IOException {
    try (InputStream in = WebHandlerTest.class.getClassLoader().getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }
}
