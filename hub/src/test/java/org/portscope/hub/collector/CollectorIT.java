package org.portscope.hub.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.util.ResourceLeakDetector;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.hub.HubFixture;
import org.portscope.hub.TestObservations;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.wire.Ack;
import org.portscope.sensor.api.wire.AckStatus;
import org.portscope.sensor.api.wire.BatchId;
import org.portscope.sensor.api.wire.BatchMessage;
import org.portscope.sensor.api.wire.Compression;
import org.portscope.sensor.api.wire.RefusalReason;

/** The whole hub on loopback with a real Netty client as the node: store, dedup, peers, restart. */
class CollectorIT {
  static final String PEERS = """
      peers:
        - name: node-a
          institution: uni-x
          address: 127.0.0.1
      """;
  static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

  @TempDir Path dir;
  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void paranoid() {
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
  }

  static BatchMessage batch(int n, int offset) {
    List<Observation> obs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      obs.add(TestObservations.syn(T0.plusMillis(offset + i), "198.51.100." + (i % 200), 22 + i % 3, "zmap"));
    }
    return BatchMessage.of(BatchId.random(), obs, Compression.GZIP);
  }

  static Ack await(java.util.concurrent.CompletableFuture<Ack> f) throws Exception {
    return f.get(30, TimeUnit.SECONDS);
  }

  long storedObservations(HubFixture hub) throws Exception {
    JsonNode summary = json.readTree(http.send(HttpRequest.newBuilder(URI.create(hub.api() + "/api/summary")).build(),
        HttpResponse.BodyHandlers.ofString()).body());
    return summary.path("totals").path("observations").asLong();
  }

  @Test
  void batchesAreStoredOnceAndUnknownPeersRefused() throws Exception {
    try (HubFixture hub = new HubFixture(dir, Clock.systemUTC(), PEERS)) {
      hub.start();
      try (CollectorClient node = new CollectorClient(hub.collector(), null)) {
        List<java.util.concurrent.CompletableFuture<Ack>> acks = new ArrayList<>();
        List<BatchMessage> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          BatchMessage b = batch(500, i * 1000);
          sent.add(b);
          acks.add(node.send(b)); // pipelined: all in flight at once
        }
        for (int i = 0; i < sent.size(); i++) {
          assertEquals(Ack.stored(sent.get(i).id()), await(acks.get(i)), "ACKs come in order");
        }
        assertEquals(Ack.duplicate(sent.get(3).id()), await(node.send(sent.get(3))));
      }
      assertEquals(10_000, storedObservations(hub));
      try (CollectorClient stranger = new CollectorClient(hub.collector(), new InetSocketAddress("127.0.0.2", 0))) {
        BatchMessage b = batch(10, 0);
        Ack ack = await(stranger.send(b));
        assertEquals(AckStatus.REFUSED, ack.status());
        assertEquals(RefusalReason.UNKNOWN_PEER, ack.reason());
      }
      assertEquals(10_000, storedObservations(hub));
      String metrics = http.send(HttpRequest.newBuilder(URI.create(hub.api() + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertTrue(metrics.contains("portscope_hub_batches_refused_total{reason=\"unknown_peer\"} 1"), metrics);
      assertTrue(metrics.contains("portscope_hub_batches_total{status=\"duplicate\"} 1"), metrics);
      assertTrue(metrics.contains("portscope_hub_observations_stored_total 10000"), metrics);
    }
  }

  @Test
  void aRetryAfterAHubRestartIsDeduplicated() throws Exception {
    try (HubFixture hub = new HubFixture(dir, Clock.systemUTC(), PEERS)) {
      hub.start();
      BatchMessage acked = batch(100, 0);
      BatchMessage ackLost = batch(200, 100_000);
      try (CollectorClient node = new CollectorClient(hub.collector(), null)) {
        assertEquals(AckStatus.STORED, await(node.send(acked)).status());
        // The hub commits this one, then stops before the node gets to act on the ACK: the node
        // must assume it was lost and resend.
        await(node.send(ackLost));
        hub.stop();
        assertThrows(ExecutionException.class, () -> node.send(batch(1, 0)).get(30, TimeUnit.SECONDS),
            "the stopped hub answers nothing");
      }
      hub.start();
      try (CollectorClient node = new CollectorClient(hub.collector(), null)) {
        assertEquals(Ack.duplicate(ackLost.id()), await(node.send(ackLost)));
        assertEquals(Ack.duplicate(acked.id()), await(node.send(acked)));
        BatchMessage fresh = batch(50, 500_000);
        assertEquals(Ack.stored(fresh.id()), await(node.send(fresh)));
      }
      assertEquals(350, storedObservations(hub));
    }
  }
}
