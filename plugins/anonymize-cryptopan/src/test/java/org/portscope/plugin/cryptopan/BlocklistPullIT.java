package org.portscope.plugin.cryptopan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.hub.api.ApiServer;
import org.portscope.hub.metrics.HubMetrics;
import org.portscope.hub.peer.Peer;
import org.portscope.hub.peer.PeerRegistry;
import org.portscope.hub.store.DuckDbStore;
import org.portscope.sensor.api.Fingerprint;
import org.portscope.sensor.api.IpAddress;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.Protocol;
import org.portscope.sensor.api.TcpOptions;
import org.portscope.sensor.api.TrafficKind;
import org.portscope.sensor.api.wire.BatchId;

/**
 * The round trip: observations anonymized with a fresh Crypto-PAn key are stored in a real hub
 * store and served by the real API on loopback; {@code blocklist pull} with that key gets back
 * exactly the real addresses that pass the score, and the nft and ipset files load into the real
 * tools (in a network namespace of the test's own). The command connects from 127.0.0.1, so that
 * is node-a's overlay address here.
 */
class BlocklistPullIT {
  static final String KEY_ID = "inst-2026a";
  static final Peer NODE_A = new Peer("node-a", "uni-x", IpAddress.parse("127.0.0.1"));
  static final Peer NODE_B = new Peer("node-b", "uni-x", IpAddress.parse("10.77.0.3"));
  static final Peer NODE_C = new Peer("node-c", "uni-y", IpAddress.parse("10.78.0.2"));

  @TempDir Path dir;
  final byte[] key = new byte[32];
  CryptoPan pan;
  Path keyFile;
  DuckDbStore store;
  ApiServer api;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void hub() throws Exception {
    new SecureRandom().nextBytes(key);
    pan = new CryptoPan(key);
    keyFile = TestKeys.hex(dir, "anon.key", key);
    Instant now = Instant.now();
    store = DuckDbStore.open(dir.resolve("hub.duckdb"), "256MB", 2);
    List<Observation> a = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      a.add(seen(now, "198.51.100.23", 20 + i % 8, KEY_ID, TrafficKind.PROBE)); // 40 + 8 x 10 + 50 = 170
    }
    repeat(a, 100, () -> seen(now, "2001:db8:77::5", 22, KEY_ID, TrafficKind.PROBE)); // 160
    a.add(seen(now, "192.0.2.200", 23, KEY_ID, TrafficKind.PROBE)); // 61: under the score
    repeat(a, 300, () -> seen(now, "203.0.113.44", 40000, KEY_ID, TrafficKind.BACKSCATTER)); // a victim
    repeat(a, 300, () -> seen(now, "2001:db8:77::6", 40000, KEY_ID, TrafficKind.BACKSCATTER));
    List<Observation> b = new ArrayList<>();
    repeat(b, 200, () -> seen(now, "198.51.100.99", 22, KEY_ID, TrafficKind.PROBE)); // 260
    repeat(b, 5, () -> seen(now, "198.51.100.23", 22, KEY_ID, TrafficKind.PROBE)); // with node-a: 225
    CryptoPan old = new CryptoPan(new byte[32]);
    repeat(b, 300, () -> observation(old, now, "24.5.0.80", 22, "k-old", TrafficKind.PROBE)); // before a rotation
    List<Observation> c = new ArrayList<>();
    repeat(c, 500, () -> seen(now, "198.51.100.150", 22, KEY_ID, TrafficKind.PROBE)); // another institution
    store.append(BatchId.random(), NODE_A, a, now);
    store.append(BatchId.random(), NODE_B, b, now);
    store.append(BatchId.random(), NODE_C, c, now);
    api = ApiServer.start(new InetSocketAddress("127.0.0.1", 0), store, PeerRegistry.of(List.of(NODE_A, NODE_B, NODE_C)),
        new HubMetrics(), Clock.systemUTC(), () -> true);
  }

  @AfterEach
  void stop() {
    if (api != null) {
      api.close();
    }
    if (store != null) {
      store.close();
    }
  }

  Observation seen(Instant now, String real, int port, String keyId, TrafficKind kind) {
    return observation(pan, now, real, port, keyId, kind);
  }

  /** As the node's anonymizer sends it: both addresses mapped with the key, its id stamped. */
  static Observation observation(CryptoPan pan, Instant now, String real, int port, String keyId, TrafficKind kind) {
    IpAddress src = IpAddress.parse(real);
    IpAddress dst = IpAddress.parse(src.isV4() ? "192.0.2.10" : "2001:db8::10");
    long ts = (now.getEpochSecond() - 600) * 1_000_000_000L;
    return new Observation(ts, pan.anonymize(src), pan.anonymize(dst), Protocol.TCP, 40000, port,
        kind == TrafficKind.BACKSCATTER ? 0x12 : 0x02, 1, 0, 1024, 50, src.isV4() ? 7 : -1, TcpOptions.NONE,
        -1, -1, 0, "node", new Fingerprint("zmap", kind, false), keyId);
  }

  static void repeat(List<Observation> to, int n, java.util.function.Supplier<Observation> o) {
    for (int i = 0; i < n; i++) {
      to.add(o.get());
    }
  }

  int pull(String... options) throws Exception {
    out.reset();
    err.reset();
    List<String> args = new ArrayList<>(List.of("pull", "--hub", "127.0.0.1:" + api.address().getPort(),
        "--key-file", keyFile.toString()));
    args.addAll(List.of(options));
    int code = new BlocklistPullCommand().run(args.toArray(String[]::new), new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true), new PrintStream(err, true));
    String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    assertFalse(printed.contains(HexFormat.of().formatHex(key)), "the key is never printed");
    return code;
  }

  static List<String> body(Path file) throws Exception {
    return Files.readAllLines(file).stream().filter(l -> !l.startsWith("#")).toList();
  }

  @Test
  void aNodePullsExactlyTheRealAddressesThatPassTheScore() throws Exception {
    Path list = dir.resolve("blocklist.txt");
    assertEquals(0, pull("--out", list.toString()), err.toString());
    assertEquals(List.of("198.51.100.23", "2001:db8:77::5"), body(list));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(list)));
    String text = Files.readString(list);
    assertTrue(text.contains("# subject: node node-a (institution uni-x)\n"), text);
    assertTrue(text.contains("# real addresses: mapped back with key " + KEY_ID), text);
    assertTrue(err.toString().contains("2 addresses (IPv4 1, IPv6 1) from hub 127.0.0.1:"), err.toString());

    assertEquals(0, pull("--min-score", "0"));
    assertEquals(List.of("198.51.100.23", "2001:db8:77::5", "192.0.2.200"),
        out.toString().lines().filter(l -> !l.startsWith("#")).toList(), "backscatter sources are never listed");
  }

  @Test
  void anInstitutionListAcrossARotationNeedsTheKeyId() throws Exception {
    assertEquals(1, pull("--scope", "institution"));
    assertTrue(err.toString().contains("keys " + KEY_ID + ", k-old (a key rotation falls in the window)"), err.toString());
    Path list = dir.resolve("institution.txt");
    assertEquals(0, pull("--scope", "institution", "--key-id", KEY_ID, "--out", list.toString()), err.toString());
    assertEquals(List.of("198.51.100.99", "198.51.100.23", "2001:db8:77::5"), body(list));
  }

  @Test
  void theHubsRefusalNamesTheOption() throws Exception {
    assertEquals(1, pull("--window", "forever"));
    assertTrue(err.toString().contains("refused --window (HTTP 400): window is 'forever'; expected a duration"),
        err.toString());
  }

  @Test
  void theNftScriptLoadsAndHoldsTheRealAddresses() throws Exception {
    assumeTool("nft");
    Path script = dir.resolve("blocklist.nft");
    assertEquals(0, pull("--format", "nft", "--out", script.toString()), err.toString());
    Tools.Result check = Tools.run("nft", "-c", "-f", script.toString());
    assertEquals(0, check.code(), "nft -c -f rejects the script: " + check.output() + "\n" + Files.readString(script));
    try (Netns ns = Netns.create()) {
      for (int load = 0; load < 2; load++) { // loading again replaces the sets' content
        Tools.Result r = ns.run("nft", "-f", script.toString());
        assertEquals(0, r.code(), r.output());
      }
      assertEquals(Set.of("198.51.100.23"), Tools.nftElements(ns.run("nft", "list", "set", "inet",
          "portscope_blocklist", "blocklist_v4").output()));
      assertEquals(Set.of("2001:db8:77::5"), Tools.nftElements(ns.run("nft", "list", "set", "inet",
          "portscope_blocklist", "blocklist_v6").output()));
    }
  }

  @Test
  void theIpsetFileRestoresAndHoldsTheRealAddresses() throws Exception {
    assumeTool("ipset");
    Path file = dir.resolve("blocklist.ipset");
    assertEquals(0, pull("--scope", "institution", "--key-id", KEY_ID, "--format", "ipset", "--out", file.toString()),
        err.toString());
    try (Netns ns = Netns.create()) {
      for (int load = 0; load < 2; load++) {
        Tools.Result r = ns.run("ipset", "-exist", "restore", "-file", file.toString());
        assertEquals(0, r.code(), r.output() + "\n" + Files.readString(file));
      }
      assertEquals(new TreeSet<>(Set.of("198.51.100.99", "198.51.100.23")),
          Tools.ipsetMembers(ns.run("ipset", "list", "portscope-v4").output()));
      assertEquals(new TreeSet<>(Set.of("2001:db8:77::5")),
          Tools.ipsetMembers(ns.run("ipset", "list", "portscope-v6").output()));
      assertEquals(1, ns.run("ipset", "list", "portscope-v4-next").code(), "the staging set is gone");
    }
  }

  /** Root and the tool are needed; on CI their absence fails. */
  static void assumeTool(String tool) {
    boolean present = Tools.onPath(tool);
    boolean root = TestKeys.isRoot();
    String missing = (present ? "" : tool + " is not installed (Debian package " + tool + ")")
        + (root ? "" : (present ? "" : "; ") + "loading a ruleset needs root");
    if (TestKeys.onCi() && !missing.isEmpty()) {
      throw new AssertionError("CI=true but " + missing);
    }
    assumeTrue(missing.isEmpty(), missing);
  }
}
