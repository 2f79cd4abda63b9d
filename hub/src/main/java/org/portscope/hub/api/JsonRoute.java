package org.portscope.hub.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.portscope.hub.metrics.HubMetrics;
import org.portscope.hub.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One GET endpoint answering JSON: checks method, path and parameters, runs the body, maps failures
 * to 400 (bad parameter, named), 404, 405, 503 (store unavailable) or 500.
 */
final class JsonRoute implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(JsonRoute.class);

  /** Computes the answer of one request. */
  interface Body {
    Object answer(QueryParams q) throws BadRequestException;
  }

  private final String path;
  private final Set<String> parameters;
  private final Body body;
  private final ObjectMapper json;
  private final Clock clock;
  private final HubMetrics metrics;

  JsonRoute(String path, Set<String> parameters, Body body, ObjectMapper json, Clock clock, HubMetrics metrics) {
    this.path = path;
    this.parameters = parameters;
    this.body = body;
    this.json = json;
    this.clock = clock;
    this.metrics = metrics;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    int status = 500;
    try {
      if (!ex.getRequestURI().getPath().equals(path)) {
        status = send(ex, 404, error("no such endpoint: " + ex.getRequestURI().getPath(), null, null));
      } else if (!ex.getRequestMethod().equals("GET")) {
        ex.getResponseHeaders().set("Allow", "GET");
        status = send(ex, 405, error("method " + ex.getRequestMethod() + " is not allowed", null, "GET"));
      } else {
        QueryParams q = QueryParams.parse(ex.getRequestURI().getRawQuery(), parameters, clock);
        status = send(ex, 200, body.answer(q));
      }
    } catch (BadRequestException e) {
      status = send(ex, 400, error(e.getMessage(), e.parameter(), e.expected()));
    } catch (StoreException e) {
      LOG.warn("{}: the store cannot answer: {}", path, e.getMessage());
      status = send(ex, 503, error("the store cannot answer now", null, null));
    } catch (RuntimeException e) {
      LOG.error("{} failed", path, e);
      status = send(ex, 500, error("internal error", null, null));
    } finally {
      metrics.apiRequest(path, status);
      ex.close();
    }
  }

  private static Map<String, Object> error(String message, String parameter, String expected) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("error", message);
    if (parameter != null) {
      m.put("parameter", parameter);
    }
    if (expected != null) {
      m.put("expected", expected);
    }
    return m;
  }

  private int send(HttpExchange ex, int status, Object answer) throws IOException {
    byte[] bytes = json.writeValueAsBytes(answer);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
    return status;
  }
}
