package org.portscope.hub.enroll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.hub.peer.Peer;
import org.portscope.hub.peer.PeerRegistry;
import org.portscope.sensor.api.IpAddress;

class EnrollerTest {
  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

  @TempDir
  Path dir;

  private Path peersFile;
  private WireGuard wg;
  private Enroller enroller;
  private ExecutorService threads;

  @BeforeEach
  void setUp() {
    peersFile = dir.resolve("enrolled-peers.conf");
    wg = new WireGuard(peersFile);
    enroller = enroller(PeerRegistry.of(List.of(new Peer("node1", "univ", IpAddress.parse("10.77.0.2")))));
    threads = Executors.newFixedThreadPool(8);
  }

  @AfterEach
  void tearDown() {
    threads.shutdownNow();
  }

  private Enroller enroller(PeerRegistry onboarded) {
    EnrollConfig config = new EnrollConfig(new InetSocketAddress("127.0.0.1", 0), "univ", PeersConf.HUB_KEY,
        IpAddress.parse("10.77.0.0"), 24, IpAddress.parse("10.77.0.1"), "hub.example:51820",
        new InetSocketAddress("10.77.0.1", 7070), null, dir, null, 30, 30);
    return new Enroller(config, new TokenBook(dir.resolve("tokens")), EnrolledPeers.load(dir.resolve("enrolled")), onboarded,
        wg, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static Enroller.Request request(String token, String name, String key) {
    return new Enroller.Request(token, name, key, new ObjectMapper().createObjectNode().put("hostname", name));
  }

  @Test
  void aNodeGetsTheHighestFreeAddressTheHubsPeerAndItsPeerIsAddedLive() throws Exception {
    String token = Tokens.issue(dir.resolve("tokens"), "univ", 1, NOW.plusSeconds(3600));
    String key = Tokens.publicKey();
    ObjectNode answer = enroller.enroll(request(token, "edge1", key));
    assertEquals("enrolled", answer.path("status").asText());
    assertEquals("10.77.0.254", answer.path("address").asText());
    assertEquals(PeersConf.HUB_KEY, answer.path("hub").path("publicKey").asText());
    assertEquals("10.77.0.1/32", answer.path("hub").path("allowedIps").path(0).asText());
    assertEquals("10.77.0.1:7070", answer.path("collector").asText());
    assertEquals("10.77.0.254/32", PeersConf.allowed(peersFile).get(key));
    assertEquals(answer.path("hub").path("presharedKey").asText(), PeersConf.presharedKeys(peersFile).get(key));
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(dir.resolve("enrolled/edge1.json"))), "the record holds the preshared key");
  }

  @Test
  void twoNodesRacingForTheLastUseOneWinsTheOtherIsRefused() throws Exception {
    for (int round = 0; round < 20; round++) {
      String token = Tokens.issue(dir.resolve("tokens"), "univ", 1, NOW.plusSeconds(3600));
      CountDownLatch start = new CountDownLatch(1);
      List<Future<String>> outcomes = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        String name = "race" + round + "-" + i;
        Callable<String> enroll = () -> {
          start.await();
          try {
            return enroller.enroll(request(token, name, Tokens.publicKey())).path("status").asText();
          } catch (Refusal r) {
            return r.status() + " " + r.getMessage();
          }
        };
        outcomes.add(threads.submit(enroll));
      }
      start.countDown();
      List<String> seen = new ArrayList<>();
      for (Future<String> f : outcomes) {
        seen.add(f.get());
      }
      assertEquals(1, seen.stream().filter("enrolled"::equals).count(), seen.toString());
      assertTrue(seen.stream().anyMatch(s -> s.startsWith("403 token ") && s.endsWith("is used up (1 of 1 use)")), seen.toString());
    }
  }

  @Test
  void manyNodesAtOnceGetDistinctAddressesNoneAnOnboardedNodes() throws Exception {
    String token = Tokens.issue(dir.resolve("tokens"), "univ", 40, NOW.plusSeconds(3600));
    List<Future<String>> addresses = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String name = "n" + i;
      addresses.add(threads.submit(() -> enroller.enroll(request(token, name, Tokens.publicKey())).path("address").asText()));
    }
    Set<String> distinct = new HashSet<>();
    for (Future<String> f : addresses) {
      assertTrue(distinct.add(f.get()));
    }
    assertFalse(distinct.contains("10.77.0.2") || distinct.contains("10.77.0.1"));
    assertEquals(40, PeersConf.allowed(peersFile).size());
  }

  @Test
  void theSameNodeAgainCostsNoUseAndKeepsItsAddress() throws Exception {
    String token = Tokens.issue(dir.resolve("tokens"), "univ", 1, NOW.plusSeconds(3600));
    String key = Tokens.publicKey();
    String first = enroller.enroll(request(token, "edge1", key)).path("address").asText();
    ObjectNode again = enroller.enroll(request(token, "edge1", key));
    assertEquals("unchanged", again.path("status").asText());
    assertEquals(first, again.path("address").asText());
  }

  @Test
  void aReimagedNodeTakesItsOldPlaceOnlyWithAUseLeft() throws Exception {
    String once = Tokens.issue(dir.resolve("tokens"), "univ", 1, NOW.plusSeconds(3600));
    String oldKey = Tokens.publicKey();
    String address = enroller.enroll(request(once, "edge1", oldKey)).path("address").asText();
    Refusal refused = assertThrows(Refusal.class, () -> enroller.enroll(request(once, "edge1", Tokens.publicKey())));
    assertEquals(403, refused.status());
    String twice = Tokens.issue(dir.resolve("tokens"), "univ", 2, NOW.plusSeconds(3600));
    String newKey = Tokens.publicKey();
    ObjectNode answer = enroller.enroll(request(twice, "edge1", newKey));
    assertEquals("re-enrolled", answer.path("status").asText());
    assertEquals(address, answer.path("address").asText());
    assertFalse(PeersConf.allowed(peersFile).containsKey(oldKey), "the old key is still a peer");
    assertTrue(PeersConf.allowed(peersFile).containsKey(newKey));
  }

  @Test
  void refusalsSayWhyAndNeverEchoTheSecret() throws Exception {
    Path tokens = dir.resolve("tokens");
    String expired = Tokens.issue(tokens, "univ", 1, NOW.minus(Duration.ofMinutes(1)));
    String revoked = Tokens.issue(tokens, "univ", 1, NOW.plusSeconds(3600));
    Files.delete(tokens.resolve(revoked.split("\\.")[1] + ".json"));
    String otherInstitution = Tokens.issue(tokens, "elsewhere", 1, NOW.plusSeconds(3600));
    String good = Tokens.issue(tokens, "univ", 1, NOW.plusSeconds(3600));
    String[] parts = good.split("\\.");
    String wrongSecret = parts[0] + "." + parts[1] + "." + "A".repeat(43) + "." + parts[3];
    String key = Tokens.publicKey();
    assertRefused(403, "expired at " + NOW.minus(Duration.ofMinutes(1)), expired, key);
    assertRefused(403, "is not known to this hub (revoked", revoked, key);
    assertRefused(403, "is for institution 'elsewhere'", otherInstitution, key);
    assertRefused(403, "its secret does not match", wrongSecret, key);
    assertRefused(400, "the token is malformed", "pst1.nothex." + parts[2], key);
    assertRefused(400, "the token is malformed", null, key);
    assertRefused(400, "publicKey must be", good, "not-a-key");
    assertRefused(409, "belongs to a node onboarded over SSH", good, key, "node1");
    assertTrue(PeersConf.allowed(peersFile).isEmpty());
  }

  @Test
  void aFailedPublishGivesTheUseBack() throws Exception {
    String token = Tokens.issue(dir.resolve("tokens"), "univ", 1, NOW.plusSeconds(3600));
    boolean[] fail = {true};
    wg = new WireGuard(peersFile) {
      @Override
      synchronized void publish(List<EnrolledPeers.Node> nodes) {
        if (fail[0]) {
          throw new java.io.UncheckedIOException(new java.io.IOException("disk full"));
        }
        super.publish(nodes);
      }
    };
    enroller = enroller(PeerRegistry.of(List.of()));
    assertThrows(java.io.UncheckedIOException.class, () -> enroller.enroll(request(token, "edge1", Tokens.publicKey())));
    fail[0] = false;
    assertEquals("enrolled", enroller.enroll(request(token, "edge2", Tokens.publicKey())).path("status").asText());
  }

  @Test
  void thePeersFileIsPrivateAndRewrittenFromTheRecordsAtStart() throws Exception {
    String token = Tokens.issue(dir.resolve("tokens"), "univ", 1, NOW.plusSeconds(3600));
    String key = Tokens.publicKey();
    enroller.enroll(request(token, "edge1", key));
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(peersFile)));
    Files.delete(peersFile);
    enroller(PeerRegistry.of(List.of())).publish();
    assertEquals("10.77.0.254/32", PeersConf.allowed(peersFile).get(key));
  }

  @Test
  void aRecordRemovedOnDiskIsANodeRevokedItsPeerLeavesTheFile() throws Exception {
    String token = Tokens.issue(dir.resolve("tokens"), "univ", 2, NOW.plusSeconds(3600));
    String kept = Tokens.publicKey();
    String revoked = Tokens.publicKey();
    enroller.enroll(request(token, "edge1", kept));
    enroller.enroll(request(token, "edge2", revoked));
    assertFalse(enroller.refresh(), "nothing changed on disk");
    Files.delete(dir.resolve("enrolled/edge2.json"));
    assertTrue(enroller.refresh());
    assertEquals(java.util.Set.of(kept), PeersConf.allowed(peersFile).keySet());
  }

  private void assertRefused(int status, String reason, String token, String key) {
    assertRefused(status, reason, token, key, "edge1");
  }

  private void assertRefused(int status, String reason, String token, String key, String name) {
    Refusal r = assertThrows(Refusal.class, () -> enroller.enroll(request(token, name, key)));
    assertEquals(status, r.status(), r.getMessage());
    assertTrue(r.getMessage().contains(reason), r.getMessage());
    if (token != null && token.split("\\.").length == 4) {
      assertFalse(r.getMessage().contains(token.split("\\.")[2]), "the secret is in the message");
    }
  }
}
