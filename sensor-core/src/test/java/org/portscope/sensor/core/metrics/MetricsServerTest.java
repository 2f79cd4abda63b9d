package org.portscope.sensor.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.portscope.sensor.api.ConfigException;

class MetricsServerTest {
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesPrometheusTextAndAHealthVerdict() throws Exception {
    MetricsRegistry registry = new MetricsRegistry();
    registry.counter("portscope_capture_frames_total", "Frames").add(42);
    registry.counter("portscope_decoder_malformed_total", "Malformed", "reason", "truncated_tcp").increment();
    AtomicBoolean healthy = new AtomicBoolean(false);
    try (MetricsServer server = MetricsServer.start("127.0.0.1:0", registry,
        () -> new MetricsServer.Health(healthy.get(), "{\"status\":\"" + healthy.get() + "\"}"))) {
      HttpResponse<String> metrics = get(server.port(), "/metrics");
      assertEquals(200, metrics.statusCode());
      assertTrue(metrics.body().contains("# TYPE portscope_capture_frames_total counter\n"
          + "portscope_capture_frames_total 42\n"), metrics.body());
      assertTrue(metrics.body().contains(
          "portscope_decoder_malformed_total{reason=\"truncated_tcp\"} 1\n"), metrics.body());
      assertEquals(503, get(server.port(), "/healthz").statusCode());
      healthy.set(true);
      HttpResponse<String> health = get(server.port(), "/healthz");
      assertEquals(200, health.statusCode());
      assertEquals("{\"status\":\"true\"}", health.body());
    }
  }

  @Test
  void anAddressInUseNamesTheKey() throws Exception {
    MetricsRegistry registry = new MetricsRegistry();
    try (MetricsServer first = MetricsServer.start("127.0.0.1:0", registry,
        () -> new MetricsServer.Health(true, "{}"))) {
      ConfigException e = assertThrows(ConfigException.class, () -> MetricsServer.start(
          "127.0.0.1:" + first.port(), registry, () -> new MetricsServer.Health(true, "{}")));
      assertTrue(e.getMessage().startsWith("metrics.listen: cannot listen on"), e.getMessage());
    }
  }
}
