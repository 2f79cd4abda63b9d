package org.portscope.sensor.core.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.portscope.sensor.api.ConfigException;

/**
 * Serves {@code /metrics} (Prometheus text) and {@code /healthz} (JSON; 200 when healthy, 503 when
 * not) on one local address. The hub and the onboarding check read /healthz over the overlay.
 */
public final class MetricsServer implements AutoCloseable {
  private final HttpServer server;

  /** A health verdict: whether the sensor is healthy, and a JSON body describing it. */
  public record Health(boolean healthy, String json) {}

  private MetricsServer(HttpServer server) {
    this.server = server;
  }

  /**
   * Binds {@code listen} ({@code host:port}, port 0 for any) and starts serving.
   *
   * @throws ConfigException naming {@code metrics.listen} when the address cannot be bound
   */
  public static MetricsServer start(String listen, MetricsRegistry registry, Supplier<Health> health) {
    int colon = listen.lastIndexOf(':');
    String host = listen.substring(0, colon).replace("[", "").replace("]", "");
    int port = Integer.parseInt(listen.substring(colon + 1));
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 16);
    } catch (IOException e) {
      throw new ConfigException("metrics.listen: cannot listen on '" + listen + "': " + e.getMessage(), e);
    }
    server.createContext("/metrics", ex -> reply(ex, 200, "text/plain; version=0.0.4",
        registry.toPrometheusText()));
    server.createContext("/healthz", ex -> {
      Health h = health.get();
      reply(ex, h.healthy() ? 200 : 503, "application/json", h.json());
    });
    server.setExecutor(Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "metrics-http");
      t.setDaemon(true);
      return t;
    }));
    server.start();
    return new MetricsServer(server);
  }

  /** The port actually bound (useful with port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  private static void reply(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
