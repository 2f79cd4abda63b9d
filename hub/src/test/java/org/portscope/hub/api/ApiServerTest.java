package org.portscope.hub.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.portscope.hub.TestObservations;
import org.portscope.hub.metrics.HubMetrics;
import org.portscope.hub.peer.Peer;
import org.portscope.hub.peer.PeerRegistry;
import org.portscope.hub.store.DuckDbStore;
import org.portscope.sensor.api.IpAddress;
import org.portscope.sensor.api.wire.BatchId;

/** The HTTP API against a real store with known content, over a real socket. */
class ApiServerTest {
  static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
  static final Peer A = new Peer("node-a", "uni-x", IpAddress.parse("10.77.0.2"));
  static final Peer B = new Peer("node-b", "uni-x", IpAddress.parse("10.77.0.3"));
  static final Peer C = new Peer("node-c", "uni-y", IpAddress.parse("10.78.0.2"));

  @TempDir Path dir;
  DuckDbStore store;
  ApiServer api;
  final HubMetrics metrics = new HubMetrics();
  final AtomicBoolean collectorUp = new AtomicBoolean(true);
  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void start() {
    store = DuckDbStore.open(dir.resolve("hub.duckdb"), "256MB", 2);
    store.append(BatchId.random(), A, List.of(
        TestObservations.syn(NOW.minusSeconds(30), "198.51.100.1", 22, "zmap"),
        TestObservations.syn(NOW.minusSeconds(90), "198.51.100.2", 22, "zmap"),
        TestObservations.syn(NOW.minusSeconds(100), "198.51.100.3", 23, "masscan"),
        TestObservations.backscatter(NOW.minusSeconds(200), "203.0.113.5")), NOW.minusSeconds(20));
    store.append(BatchId.random(), B, List.of(TestObservations.syn(NOW.minusSeconds(10), "2001:db8:1:2::3", 445, "nmap")),
        NOW.minusSeconds(5));
    api = ApiServer.start(new InetSocketAddress("127.0.0.1", 0), store, PeerRegistry.of(List.of(A, B, C)),
        metrics, Clock.fixed(NOW, ZoneOffset.UTC), collectorUp::get);
  }

  @AfterEach
  void stop() {
    api.close();
    store.close();
  }

  HttpResponse<String> get(String pathAndQuery) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.address().getPort() + pathAndQuery))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonNode ok(String pathAndQuery) throws Exception {
    HttpResponse<String> r = get(pathAndQuery);
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    return json.readTree(r.body());
  }

  @Test
  void summaryPerInstitutionAndNode() throws Exception {
    JsonNode s = ok("/api/summary");
    assertEquals(5, s.at("/totals/observations").asLong());
    assertEquals(4, s.at("/totals/byKind/probe").asLong());
    assertEquals(1, s.at("/totals/byKind/backscatter").asLong());
    assertEquals(2, s.at("/totals/byTool/zmap").asLong());
    assertEquals(2, s.at("/totals/lastMinute").asLong());
    assertEquals("2025-03-01T11:56:40Z", s.at("/totals/firstSeen").asText());
    assertEquals("uni-x", s.at("/institutions/0/institution").asText());
    assertEquals("node-a", s.at("/institutions/0/nodes/0/node").asText());
    assertEquals(4, s.at("/institutions/0/nodes/0/totals/observations").asLong());
    assertEquals(0, s.at("/collector/batchesStored").asLong());
    JsonNode filtered = ok("/api/summary?node=node-a&port=22&from=-1m");
    assertEquals(1, filtered.at("/totals/observations").asLong());
  }

  @Test
  void observationsNewestFirstWithLimit() throws Exception {
    JsonNode o = ok("/api/observations?limit=2");
    assertEquals(2, o.get("observations").size());
    assertEquals("2001:db8:1:2::3", o.at("/observations/0/src").asText());
    assertEquals("node-b", o.at("/observations/0/node").asText());
    assertEquals("198.51.100.1", o.at("/observations/1/src").asText());
    assertEquals("S", o.at("/observations/1/tcpFlags").asText());
    JsonNode icmp = ok("/api/observations?kind=backscatter");
    assertTrue(icmp.at("/observations/0/dstPort").isNull());
    assertEquals(1, ok("/api/observations?tool=masscan").get("observations").size());
    assertEquals(100, ok("/api/observations").get("limit").asInt());
  }

  @Test
  void sessionsWithEscapedFirstBytesAndCountedPerNode() throws Exception {
    byte[] first = "GET /<b>x</b> HTTP/1.1\r\nUser-Agent: curl/7.88.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    store.append(BatchId.random(), B, List.of(
        TestObservations.session(NOW.minusSeconds(3), "198.51.100.9", 10080, first, "http", "curl")), NOW);
    JsonNode s = ok("/api/sessions?node=node-b&from=-1m&limit=5");
    assertEquals(5, s.get("limit").asInt());
    assertEquals(1, s.get("sessions").size());
    JsonNode one = s.at("/sessions/0");
    assertEquals("http", one.get("application").asText());
    assertEquals("curl", one.get("tool").asText());
    assertEquals(10080, one.get("dstPort").asInt());
    assertEquals(first.length + 100, one.get("bytesIn").asLong());
    assertEquals(1500, one.get("durationMillis").asLong());
    assertEquals("source-closed", one.get("end").asText());
    String preview = one.get("preview").asText();
    assertTrue(preview.startsWith("GET /\\x3cb\\x3ex\\x3c/b\\x3e HTTP/1.1\\r\\n"), preview);
    assertFalse(preview.contains("<"), preview);
    assertEquals(0, ok("/api/sessions?node=node-a").get("sessions").size());
    JsonNode summary = ok("/api/summary");
    assertEquals(1, summary.at("/totals/sessions").asLong());
    assertEquals("node-b", summary.at("/institutions/0/nodes/1/node").asText());
    assertEquals(1, summary.at("/institutions/0/nodes/1/totals/sessions").asLong());
    assertEquals(0, summary.at("/institutions/0/nodes/0/totals/sessions").asLong());
    assertEquals(400, get("/api/sessions?limit=0").statusCode());
  }

  @Test
  void nodesWithLastBatchAge() throws Exception {
    JsonNode n = ok("/api/nodes");
    assertEquals(3, n.get("nodes").size());
    JsonNode a = n.at("/nodes/0");
    assertEquals("node-a", a.get("name").asText());
    assertEquals("10.77.0.2", a.get("overlayAddress").asText());
    assertEquals(20, a.get("lastBatchAgeSeconds").asLong());
    assertEquals(4, a.get("observations").asLong());
    JsonNode c = n.at("/nodes/2");
    assertEquals("node-c", c.get("name").asText());
    assertTrue(c.get("lastBatch").isNull(), "registered but never sent");
  }

  @Test
  void timeseriesBucketsByKindAndTool() throws Exception {
    JsonNode t = ok("/api/timeseries?bucket=1m&from=2025-03-01T11:55:00Z&to=2025-03-01T12:00:00Z");
    assertEquals(60, t.get("bucketSeconds").asLong());
    assertEquals(5, t.get("buckets").size());
    assertEquals("2025-03-01T11:56:00Z", t.at("/buckets/1/start").asText());
    assertEquals(1, t.at("/buckets/1/byKind/backscatter").asLong());
    assertEquals(2, t.at("/buckets/3/total").asLong());
    assertEquals(1, t.at("/buckets/3/byTool/masscan").asLong());
    JsonNode defaults = ok("/api/timeseries");
    assertEquals(60, defaults.get("buckets").size(), "the last hour in 1m buckets (NOW is on a minute, to is exclusive)");
  }

  @Test
  void topPortsAndSources() throws Exception {
    JsonNode p = ok("/api/top/ports?limit=2");
    assertEquals(2, p.get("ports").size());
    assertEquals(22, p.at("/ports/0/port").asInt());
    assertEquals(2, p.at("/ports/0/observations").asLong());
    JsonNode s = ok("/api/top/sources");
    assertEquals("198.51.100.0/24", s.at("/sources/0/prefix").asText());
    assertEquals(3, s.at("/sources/0/addresses").asLong());
    assertEquals(24, s.get("ipv4PrefixLength").asInt());
    assertEquals("2001:db8:1::/48", ok("/api/top/sources?institution=uni-x&node=node-b").at("/sources/0/prefix").asText());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/api/observations?limit=0|limit|an integer from 1 to 1000",
      "/api/observations?limit=5000|limit|an integer from 1 to 1000",
      "/api/summary?port=70000|port|an integer from 0 to 65535",
      "/api/summary?port=ssh|port|an integer from 0 to 65535",
      "/api/summary?from=yesterday|from|an ISO-8601 instant",
      "/api/summary?from=2025-03-01T12:00:00Z&to=2025-03-01T11:00:00Z|to|a time after from",
      "/api/summary?kind=attack|kind|probe, backscatter or other",
      "/api/summary?colour=red|colour|one of from, institution, kind, node, port, to, tool",
      "/api/summary?node=a&node=b|node|at most once",
      "/api/timeseries?bucket=0m|bucket|a width from 1s to 31d",
      "/api/timeseries?bucket=1s&from=-30d|bucket|a wider bucket or a shorter range",
      "/api/top/ports?limit=101|limit|an integer from 1 to 100",
  })
  void badParametersAre400NamingTheParameter(String url, String parameter, String expected) throws Exception {
    HttpResponse<String> r = get(url);
    assertEquals(400, r.statusCode(), r.body());
    JsonNode e = json.readTree(r.body());
    assertEquals(parameter, e.get("parameter").asText());
    assertTrue(e.get("expected").asText().startsWith(expected), e.toString());
    assertFalse(e.get("error").asText().isEmpty());
  }

  @Test
  void wrongMethodAndPath() throws Exception {
    HttpResponse<String> post = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + api.address().getPort() + "/api/summary"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(405, post.statusCode());
    assertEquals("GET", post.headers().firstValue("Allow").orElse(""));
    assertEquals(404, get("/api/summary/extra").statusCode());
  }

  @Test
  void healthAndMetrics() throws Exception {
    assertEquals("ok", ok("/healthz").get("status").asText());
    collectorUp.set(false);
    HttpResponse<String> down = get("/healthz");
    assertEquals(503, down.statusCode());
    assertEquals("down", json.readTree(down.body()).get("collector").asText());
    HttpResponse<String> m = get("/metrics");
    assertEquals(200, m.statusCode());
    assertTrue(m.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
    assertTrue(m.body().contains("# TYPE portscope_hub_batches_total counter"));
    assertTrue(m.body().contains("portscope_hub_api_requests_total{path=\"/healthz\",status=\"503\"} 1"), m.body());
  }
}
