package org.portscope.hub.web;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the dashboard ({@code /}, {@code /web/...}, {@code /webjars/...}) on the hub's HTTP server:
 * GET and HEAD only, a 404 for anything {@link StaticResources} does not map to a file, and a 304
 * when the browser already holds the current version (files are revalidated on every load, so a new
 * hub version is picked up at once).
 */
public final class WebHandler implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(WebHandler.class);
  // Everything the page loads comes from the hub itself: no CDN, no inline script.
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

  private final StaticResources resources;

  public WebHandler(StaticResources resources) {
    this.resources = Objects.requireNonNull(resources, "resources");
  }

  /** The handler for the files the hub jar ships. */
  public static WebHandler dashboard() {
    return new WebHandler(StaticResources.dashboard());
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try {
      String method = ex.getRequestMethod();
      boolean head = method.equals("HEAD");
      if (!head && !method.equals("GET")) {
        ex.getResponseHeaders().set("Allow", "GET, HEAD");
        text(ex, 405, "method " + method + " is not allowed here: GET or HEAD");
        return;
      }
      Optional<StaticResource> found = resources.find(ex.getRequestURI().getRawPath());
      if (found.isEmpty()) {
        text(ex, 404, "not found");
        return;
      }
      send(ex, found.get(), head);
    } catch (UncheckedIOException e) {
      LOG.error("dashboard file for {} cannot be read", ex.getRequestURI().getRawPath(), e);
      text(ex, 500, "internal error");
    } finally {
      ex.close();
    }
  }

  private static void send(HttpExchange ex, StaticResource r, boolean head) throws IOException {
    Headers h = ex.getResponseHeaders();
    h.set("ETag", r.etag());
    h.set("Cache-Control", "no-cache");
    h.set("X-Content-Type-Options", "nosniff");
    if (r.contentType().startsWith("text/html")) {
      h.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
      h.set("Referrer-Policy", "no-referrer");
    }
    if (r.etag().equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
      ex.sendResponseHeaders(304, -1);
      return;
    }
    h.set("Content-Type", r.contentType());
    if (head) {
      h.set("Content-Length", Integer.toString(r.body().length));
      ex.sendResponseHeaders(200, -1);
      return;
    }
    ex.sendResponseHeaders(200, r.body().length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(r.body());
    }
  }

  private static void text(HttpExchange ex, int status, String message) throws IOException {
    byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }
}
