package org.portscope.hub.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.portscope.hub.blocklist.BlocklistHandler;
import org.portscope.hub.metrics.HubMetrics;
import org.portscope.hub.peer.PeerRegistry;
import org.portscope.hub.store.ObservationStore;

/**
 * The hub's HTTP side (JDK HttpServer): the JSON API, Prometheus {@code /metrics} and
 * {@code /healthz}. Requests run on a small fixed pool, which also bounds concurrent store queries.
 * Other parts of the hub (the dashboard) add their pages with {@link #route}.
 */
public final class ApiServer implements AutoCloseable {
  private static final int THREADS = 4;

  private final HttpServer server;
  private final ExecutorService executor;
  private final ObjectMapper json = mapper();
  private final Clock clock;
  private final HubMetrics metrics;

  private ApiServer(HttpServer server, ExecutorService executor, Clock clock, HubMetrics metrics) {
    this.server = server;
    this.executor = executor;
    this.clock = clock;
    this.metrics = metrics;
  }

  /**
   * Binds and serves.
   *
   * @param healthy whether the parts outside the store (the collector) are up
   * @throws UncheckedIOException naming the address when it cannot be bound
   */
  public static ApiServer start(InetSocketAddress listen, ObservationStore store, PeerRegistry peers,
      HubMetrics metrics, Clock clock, BooleanSupplier healthy) {
    HttpServer server;
    try {
      server = HttpServer.create(listen, 64);
    } catch (IOException e) {
      throw new UncheckedIOException("API cannot listen on " + listen + ": " + e.getMessage(), e);
    }
    ExecutorService executor = Executors.newFixedThreadPool(THREADS, r -> {
      Thread t = new Thread(r, "hub-api");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    ApiServer api = new ApiServer(server, executor, clock, metrics);
    ApiRoutes routes = new ApiRoutes(store, peers, metrics, clock);
    api.json("/api/summary", Filters.NAMES, routes::summary);
    api.json("/api/observations", Filters.with("limit"), routes::observations);
    api.json("/api/sessions", Filters.with("limit"), routes::sessions);
    api.json("/api/nodes", Set.of(), routes::nodes);
    api.json("/api/timeseries", Filters.with("bucket"), routes::timeseries);
    api.json("/api/top/ports", Filters.with("limit"), routes::topPorts);
    api.json("/api/top/sources", Filters.with("limit"), routes::topSources);
    api.route(BlocklistHandler.PATH, new BlocklistHandler(store, peers, metrics, clock));
    api.route("/healthz", ex -> api.health(ex, store, healthy));
    api.route("/metrics", api::metrics);
    server.start();
    return api;
  }

  /** Adds a handler for a path prefix (HttpServer semantics: the longest matching prefix wins). */
  public void route(String path, HttpHandler handler) {
    server.createContext(path, handler);
  }

  private void json(String path, Set<String> parameters, JsonRoute.Body body) {
    route(path, new JsonRoute(path, parameters, body, json, clock, metrics));
  }

  private void metrics(HttpExchange ex) throws IOException {
    byte[] body = metrics.prometheus().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    ex.sendResponseHeaders(200, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
    ex.close();
  }

  /** 200 when the store answers and the collector listens, 503 naming what is down otherwise. */
  private void health(HttpExchange ex, ObservationStore store, BooleanSupplier collectorUp) throws IOException {
    boolean storeOk = store.healthy();
    boolean collectorOk = collectorUp.getAsBoolean();
    Map<String, String> answer = new LinkedHashMap<>();
    answer.put("status", storeOk && collectorOk ? "ok" : "unhealthy");
    answer.put("store", storeOk ? "ok" : "down");
    answer.put("collector", collectorOk ? "ok" : "down");
    int status = storeOk && collectorOk ? 200 : 503;
    byte[] body = json.writeValueAsBytes(answer);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
    metrics.apiRequest("/healthz", status);
    ex.close();
  }

  public InetSocketAddress address() {
    return server.getAddress();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  static ObjectMapper mapper() {
    SimpleModule time = new SimpleModule("portscope-time");
    time.addSerializer(Instant.class, ToStringSerializer.instance);
    return new ObjectMapper().registerModule(time);
  }
}
