package org.portscope.hub.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  HubConfig load(String yaml) throws Exception {
    Path f = dir.resolve("hub.yaml");
    Files.writeString(f, yaml);
    return ConfigLoader.load(f);
  }

  @Test
  void aFullConfig() throws Exception {
    HubConfig c = load("""
        collector:
          listen: 10.77.0.1:7443
        api:
          listen: "[::1]:8080"
        store:
          path: data/hub.duckdb
          retention: 30d
          retentionInterval: 15m
          memoryLimit: 2GB
        peers:
          file: /etc/portscope/peers.yaml
          refresh: 10s
        """);
    assertEquals(new InetSocketAddress("10.77.0.1", 7443), c.collectorListen());
    assertEquals(new InetSocketAddress("::1", 8080), c.apiListen());
    assertEquals(dir.resolve("data/hub.duckdb"), c.storePath());
    assertEquals(Duration.ofDays(30), c.retention());
    assertEquals(Duration.ofMinutes(15), c.retentionInterval());
    assertEquals("2GB", c.memoryLimit());
    assertEquals(Path.of("/etc/portscope/peers.yaml"), c.peersFile());
    assertEquals(Duration.ofSeconds(10), c.peersRefresh());
  }

  @Test
  void theHoneypotIsOnByDefaultOnTheCollectorsAddressAndCanBeTurnedOff() throws Exception {
    String base = """
        collector: {listen: "10.77.0.1:7443"}
        api: {listen: "localhost:8080"}
        store: {path: state/hub.duckdb}
        peers: peers.yaml
        """;
    HubConfig c = load(base);
    assertEquals(new InetSocketAddress("10.77.0.1", 2222), c.honeypot().listen());
    assertEquals(dir.resolve("state/honeypot.jsonl"), c.honeypot().log());
    assertEquals(4096, c.honeypot().keepBytes());
    HubConfig tuned = load(base + "honeypot: {listen: \"10.77.0.1:2323\", idle-timeout: 5s, max-connections: 9}\n");
    assertEquals(2323, tuned.honeypot().listen().getPort());
    assertEquals(Duration.ofSeconds(5), tuned.honeypot().idleTimeout());
    assertEquals(9, tuned.honeypot().maxConnections());
    assertEquals(null, load(base + "honeypot: {enabled: false}\n").honeypot());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> load(base + "honeypot: {port: 2222}\n"));
    assertTrue(e.getMessage().contains("unknown key 'honeypot.port'"), e.getMessage());
  }

  @Test
  void defaultsAndTheShortPeersForm() throws Exception {
    HubConfig c = load("""
        collector: {listen: "127.0.0.1:0"}
        api: {listen: "localhost:8080"}
        store: {path: hub.duckdb}
        peers: peers.yaml
        """);
    assertEquals(Duration.ofDays(90), c.retention());
    assertEquals(dir.resolve("peers.yaml"), c.peersFile());
    assertEquals("1GB", c.memoryLimit());
  }

  @Test
  void errorsNameTheKey() {
    String base = "collector: {listen: '127.0.0.1:1'}\napi: {listen: '127.0.0.1:2'}\npeers: p.yaml\n";
    assertMessage(base + "store: {path: h, retention: forever}", "store.retention is 'forever'");
    assertMessage(base + "store: {path: h, retension: 3d}", "unknown key 'store.retension'");
    assertMessage(base, "'store' is missing");
    assertMessage("collector: {listen: 'hub.example:1'}\napi: {listen: '127.0.0.1:2'}\npeers: p\nstore: {path: h}",
        "'hub.example' is not an IPv4 or IPv6 address");
    assertMessage("collector: {listen: '127.0.0.1'}\napi: {listen: '127.0.0.1:2'}\npeers: p\nstore: {path: h}",
        "collector.listen is '127.0.0.1', expected host:port");
  }

  private void assertMessage(String yaml, String expected) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> load(yaml));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
