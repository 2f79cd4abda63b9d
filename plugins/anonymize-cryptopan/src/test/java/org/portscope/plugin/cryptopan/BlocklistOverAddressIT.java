package org.portscope.plugin.cryptopan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
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
 * The launcher as an operator runs it, from a host of its own: {@code bin/portscope-sensor blocklist
 * pull} inside a network namespace reaches the hub's API across a veth pair, and the hub knows the
 * node by its source address alone (the overlay's WireGuard is what authenticates that address in
 * production; the onboarding testbed covers WireGuard). The same request from an address that is no
 * peer is refused.
 */
class BlocklistOverAddressIT {
  @TempDir Path dir;
  Netns ns;
  String hostIf;
  String hubAddress;
  String nodeAddress;
  DuckDbStore store;
  final List<ApiServer> servers = new ArrayList<>();
  CryptoPan pan;
  Path keyFile;
  Path launcher;

  @BeforeEach
  void hostsAndHub() throws Exception {
    launcher = Path.of("../../bin/portscope-sensor").toAbsolutePath().normalize();
    String bundle = System.getenv("PORTSCOPE_BUNDLE");
    String missing = !TestKeys.isRoot() ? "network namespaces need root"
        : !Tools.onPath("ip") ? "ip (Debian package iproute2) is not installed"
        : bundle == null || !Files.exists(Path.of(bundle, "plugins", "anonymize-cryptopan.jar"))
            ? "the sensor bundle is not built (PORTSCOPE_BUNDLE=" + bundle + "; mvn package first)"
        : !Files.isExecutable(launcher) ? launcher + " is missing" : "";
    if (TestKeys.onCi() && !missing.isEmpty()) {
      throw new AssertionError("CI=true but " + missing);
    }
    assumeTrue(missing.isEmpty(), missing);
    // A /30 of its own per run, so parallel runs and other tests' subnets do not meet.
    int n = ThreadLocalRandom.current().nextInt(1 << 14);
    String prefix = "10.200." + (n >>> 6) + ".";
    hubAddress = prefix + ((n & 63) * 4 + 1);
    nodeAddress = prefix + ((n & 63) * 4 + 2);
    String tag = Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
    hostIf = "pb" + tag + "h";
    String nodeIf = "pb" + tag + "n";
    ns = Netns.create();
    sh("ip", "link", "add", hostIf, "type", "veth", "peer", "name", nodeIf);
    sh("ip", "link", "set", nodeIf, "netns", ns.name());
    sh("ip", "addr", "add", hubAddress + "/30", "dev", hostIf);
    sh("ip", "link", "set", hostIf, "up");
    assertEquals(0, ns.run("ip", "addr", "add", nodeAddress + "/30", "dev", nodeIf).code());
    assertEquals(0, ns.run("ip", "link", "set", nodeIf, "up").code());

    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    pan = new CryptoPan(key);
    keyFile = TestKeys.hex(dir, "anon.key", key);
    store = DuckDbStore.open(dir.resolve("hub.duckdb"), "256MB", 1);
    List<Observation> seen = new ArrayList<>();
    Instant now = Instant.now();
    BlocklistPullIT.repeat(seen, 80, () -> BlocklistPullIT.observation(pan, now, "198.51.100.61", 22, "k1", TrafficKind.PROBE));
    BlocklistPullIT.repeat(seen, 80, () -> BlocklistPullIT.observation(pan, now, "2001:db8:61::1", 23, "k1", TrafficKind.PROBE));
    store.append(BatchId.random(), node(), seen, now);
  }

  Peer node() {
    return new Peer("node-ns", "uni-ns", IpAddress.parse(nodeAddress));
  }

  ApiServer hub(List<Peer> peers) {
    ApiServer api = ApiServer.start(new InetSocketAddress(hubAddress, 0), store, PeerRegistry.of(peers),
        new HubMetrics(), Clock.systemUTC(), () -> true);
    servers.add(api);
    return api;
  }

  @AfterEach
  void remove() throws Exception {
    servers.forEach(ApiServer::close);
    if (store != null) {
      store.close();
    }
    if (ns != null) {
      ns.close(); // takes the veth pair with it, once its end moved in
    }
    if (hostIf != null && Tools.run("ip", "link", "show", hostIf).code() == 0) {
      sh("ip", "link", "del", hostIf);
    }
  }

  static void sh(String... command) throws Exception {
    Tools.Result r = Tools.run(command);
    assertEquals(0, r.code(), String.join(" ", command) + ": " + r.output());
  }

  Tools.Result pull(ApiServer api, Path out) throws Exception {
    return ns.run(launcher.toString(), "blocklist", "pull", "--hub", hubAddress + ":" + api.address().getPort(),
        "--key-file", keyFile.toString(), "--out", out.toString());
  }

  @Test
  void theNodeGetsItsRealAddressesAndAStrangerIsRefused() throws Exception {
    Path list = dir.resolve("blocklist.txt");
    Tools.Result r = pull(hub(List.of(node())), list);
    assertEquals(0, r.code(), r.output());
    assertEquals(List.of("198.51.100.61", "2001:db8:61::1"),
        Files.readAllLines(list).stream().filter(l -> !l.startsWith("#")).toList());
    assertTrue(Files.readString(list).contains("# subject: node node-ns (institution uni-ns)"));

    Path refused = dir.resolve("refused.txt");
    r = pull(hub(List.of(new Peer("other", "uni-ns", IpAddress.parse("10.99.0.9")))), refused);
    assertEquals(1, r.code(), r.output());
    assertTrue(r.output().contains("(HTTP 403): " + nodeAddress + " is not a registered peer"), r.output());
    assertTrue(Files.notExists(refused));
  }
}
