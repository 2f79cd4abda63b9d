package org.portscope.hub.blocklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.hub.api.ApiServer;
import org.portscope.hub.metrics.HubMetrics;
import org.portscope.hub.peer.Peer;
import org.portscope.hub.peer.PeerRegistry;
import org.portscope.hub.store.DuckDbStore;
import org.portscope.sensor.api.IpAddress;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.TrafficKind;
import org.portscope.sensor.api.wire.BatchId;

/**
 * The endpoint against a real store over a real socket. The test's requests come from 127.0.0.1,
 * so where the test is a node, node-a's overlay address is 127.0.0.1.
 */
class BlocklistHandlerTest {
  static final Instant NOW = Instant.parse("2026-03-08T12:00:00Z");
  static final Peer A = new Peer("node-a", "uni-x", IpAddress.parse("127.0.0.1"));
  static final Peer B = new Peer("node-b", "uni-x", IpAddress.parse("10.77.0.3"));
  static final Peer C = new Peer("node-c", "uni-y", IpAddress.parse("10.78.0.2"));
  static final String POLICY = "policy:src=truncate/24/24,dst=drop";

  @TempDir Path dir;
  DuckDbStore store;
  ApiServer api;
  final HubMetrics metrics = new HubMetrics();
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void fill() {
    store = DuckDbStore.open(dir.resolve("hub.duckdb"), "256MB", 2);
    List<Observation> a = new ArrayList<>();
    List<Observation> b = new ArrayList<>();
    // 198.51.100.1: 3 ports on node-a (83), with node-b 4 ports on 2 nodes (5 + 40 + 100 = 145)
    for (int port : new int[] {22, 23, 80}) {
      a.add(Probes.syn(ago(60), ip("198.51.100.1"), port, "k1"));
    }
    b.add(Probes.syn(ago(50), ip("198.51.100.1"), 22, "k1"));
    b.add(Probes.syn(ago(50), ip("198.51.100.1"), 445, "k1"));
    repeat(a, 60, () -> Probes.syn(ago(3600), ip("2001:db8::7"), 22, "k1")); // 120
    repeat(a, 200, () -> Probes.backscatter(ago(30), ip("203.0.113.5"), "k1")); // a victim...
    a.add(Probes.syn(ago(30), ip("203.0.113.5"), 22, "k1")); // ...with one probe: 61
    repeat(a, 200, () -> Probes.of(ago(30), ip("203.0.113.6"), 22, "k1", TrafficKind.PROBE, true)); // forged
    repeat(a, 200, () -> Probes.syn(ago(30), ip("192.0.2.0"), 22, POLICY)); // truncated, not mappable
    repeat(a, 100, () -> Probes.syn(ago(20), ip("198.51.100.9"), 22, "k2")); // 160, the next key
    repeat(a, 100, () -> Probes.syn(ago(20), ip("198.51.100.10"), 22, null)); // 160, raw
    repeat(a, 500, () -> Probes.syn(NOW.minus(Duration.ofDays(8)), ip("198.51.100.11"), 22, "k1")); // too old for 7d
    store.append(BatchId.random(), A, a, NOW);
    store.append(BatchId.random(), B, b, NOW);
    List<Observation> c = new ArrayList<>();
    repeat(c, 500, () -> Probes.syn(ago(20), ip("198.51.100.12"), 22, "k9"));
    store.append(BatchId.random(), C, c, NOW);
  }

  void serve(List<Peer> peers) {
    api = ApiServer.start(new InetSocketAddress("127.0.0.1", 0), store, PeerRegistry.of(peers), metrics,
        Clock.fixed(NOW, ZoneOffset.UTC), () -> true);
  }

  @AfterEach
  void stop() {
    if (api != null) {
      api.close();
    }
    store.close();
  }

  static Instant ago(long seconds) {
    return NOW.minusSeconds(seconds);
  }

  static IpAddress ip(String s) {
    return IpAddress.parse(s);
  }

  static void repeat(List<Observation> to, int n, java.util.function.Supplier<Observation> o) {
    for (int i = 0; i < n; i++) {
      to.add(o.get());
    }
  }

  HttpResponse<String> get(String query) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.address().getPort()
        + "/api/blocklist" + query)).build(), HttpResponse.BodyHandlers.ofString());
  }

  List<String> plain(String query) throws Exception {
    HttpResponse<String> r = get(query);
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("text/plain; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
    return BlocklistFormatTest.body(r.body());
  }

  JsonNode error(String query, int status) throws Exception {
    HttpResponse<String> r = get(query);
    assertEquals(status, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    return new ObjectMapper().readTree(r.body());
  }

  @Test
  void aNodeGetsItsSourcesByScoreWithoutVictimsForgedOrTruncatedOnes() throws Exception {
    serve(List.of(A, B, C));
    assertEquals(List.of("198.51.100.9", "198.51.100.10", "2001:db8::7"), plain(""));
    assertEquals(List.of("198.51.100.9", "198.51.100.10", "2001:db8::7", "198.51.100.1", "203.0.113.5"),
        plain("?min-score=0"));
    assertEquals("198.51.100.11", plain("?window=30d").get(0));
    assertEquals(List.of("2001:db8::7"), plain("?key-id=k1"));
  }

  @Test
  void anInstitutionListCountsPortsAndNodesAcrossItsNodes() throws Exception {
    serve(List.of(A, B, C));
    assertEquals(List.of("198.51.100.9", "198.51.100.10", "198.51.100.1", "2001:db8::7"),
        plain("?scope=institution"));
    assertEquals(List.of("198.51.100.1", "2001:db8::7"), plain("?scope=institution&key-id=k1&min-score=120"));
    assertEquals(List.of("198.51.100.1"), plain("?scope=institution&min-score=145&key-id=k1"));
    assertEquals(List.of(), plain("?scope=institution&min-score=146&key-id=k1"));
  }

  @Test
  void theHeaderSaysWhatTheListIs() throws Exception {
    serve(List.of(A, B, C));
    String text = get("?limit=1&format=nft").body();
    assertTrue(text.startsWith("# portscope blocklist, format nft\n# subject: node node-a (institution uni-x)\n"), text);
    assertTrue(text.contains("# window: 7d, 2026-03-01T12:00:00Z to 2026-03-08T12:00:00Z\n"), text);
    assertTrue(text.contains("# keys: k2\n# entries: 1 (IPv4 1, IPv6 0), cut at the limit"), text);
    assertTrue(text.contains("\t198.51.100.9\n"), text);
  }

  @Test
  void aNodeIsRefusedOthersListsAndBadParametersAreNamed() throws Exception {
    serve(List.of(A, B, C));
    JsonNode e = error("?node=node-b", 403);
    assertTrue(e.get("error").asText().contains("a node gets its own list only"), e.toString());
    e = error("?scope=institution&institution=uni-y", 403);
    assertTrue(e.get("error").asText().contains("belongs to 'uni-x'"), e.toString());
    e = error("?window=forever", 400);
    assertEquals("window", e.get("parameter").asText());
    assertTrue(e.get("expected").asText().contains("7d"), e.toString());
    assertEquals("format", error("?format=csv", 400).get("parameter").asText());
    assertEquals(404, get("/more").statusCode());
    HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + api.address().getPort() + "/api/blocklist")).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(405, post.statusCode());
    assertTrue(metrics.prometheus().contains("/api/blocklist"), "requests are counted");
  }

  @Test
  void theHubsOwnMachineMayAskForAnyListByName() throws Exception {
    serve(List.of(B, C));
    assertEquals(List.of("198.51.100.12"), plain("?node=node-c"));
    assertEquals(List.of("198.51.100.12"), plain("?scope=institution&institution=uni-y"));
    assertEquals("node", error("", 400).get("parameter").asText());
  }
}
