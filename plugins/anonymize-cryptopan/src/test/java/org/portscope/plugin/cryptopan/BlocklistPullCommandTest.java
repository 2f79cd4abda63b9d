package org.portscope.plugin.cryptopan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options, hub addresses, error answers and the output file; the round trip is BlocklistPullIT. */
class BlocklistPullCommandTest {
  @TempDir Path dir;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int run(String... args) throws Exception {
    return new BlocklistPullCommand().run(args, new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true), new PrintStream(err, true));
  }

  String usage(String... args) {
    return assertThrows(IllegalArgumentException.class, () -> run(args)).getMessage();
  }

  @Test
  void badUsageNamesTheOption() throws Exception {
    Path key = TestKeys.hex(dir, "k", Vectors.SAMPLE_KEY);
    assertTrue(usage().contains("expected 'pull'"));
    assertTrue(usage("pull", "--key-file", key.toString()).contains("--hub is required"));
    assertTrue(usage("pull", "--hub", "h:1").contains("--key-file is required"));
    assertTrue(usage("pull", "--hub", "h:1", "--colour", "red").contains("unknown option or argument '--colour'"));
    assertTrue(usage("pull", "--hub").contains("--hub needs a value"));
    assertTrue(usage("pull", "--hub", "a:1", "--hub", "b:1").contains("--hub is given twice"));
    assertTrue(usage("pull", "--hub", "fd77::1:8080", "--key-file", key.toString()).contains("in brackets"));
  }

  @Test
  void hubAddressesAreHostColonPort() {
    assertEquals(new HubEndpoint("10.77.0.1", 8080), HubEndpoint.parse("10.77.0.1:8080"));
    assertEquals(new HubEndpoint("[fd77::1]", 443), HubEndpoint.parse("[fd77::1]:443"));
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("scope", "institution");
    parameters.put("key-id", "inst 2026");
    assertEquals("http://[fd77::1]:443/api/blocklist?scope=institution&key-id=inst+2026",
        HubEndpoint.parse("[fd77::1]:443").blocklist(parameters).toString());
    for (String bad : new String[] {"10.77.0.1", "10.77.0.1:0", "10.77.0.1:70000", ":80", "[fd77::1]8080", "a b:1",
        "http://h:1"}) {
      String m = assertThrows(IllegalArgumentException.class, () -> HubEndpoint.parse(bad)).getMessage();
      assertTrue(m.contains("--hub '" + bad + "' is not HOST:PORT"), m);
    }
  }

  @Test
  void anUnreachableHubIsNamedAndNoFileIsWritten() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    Path key = TestKeys.hex(dir, "k", Vectors.SAMPLE_KEY);
    Path list = dir.resolve("list.txt");
    assertEquals(1, run("pull", "--hub", "127.0.0.1:" + closed, "--key-file", key.toString(), "--out", list.toString()));
    String e = err.toString(StandardCharsets.UTF_8);
    assertTrue(e.contains("cannot reach hub 127.0.0.1:" + closed), e);
    assertFalse(Files.exists(list));
    assertFalse(e.contains(HexFormat.of().formatHex(Vectors.SAMPLE_KEY)), "the key is never printed");
  }

  @Test
  void aKeyFileOthersCanReadIsRefusedBeforeAskingTheHub() throws Exception {
    Path key = TestKeys.write(dir, "k", (HexFormat.of().formatHex(Vectors.SAMPLE_KEY) + "\n").getBytes(), "rw-r--r--");
    assertEquals(1, run("pull", "--hub", "127.0.0.1:9", "--key-file", key.toString()));
    String e = err.toString(StandardCharsets.UTF_8);
    assertTrue(e.startsWith("blocklist pull: --key-file " + key + " has mode rw-r--r--"), e);
    assertFalse(e.contains(HexFormat.of().formatHex(Vectors.SAMPLE_KEY)));
  }

  @Test
  void hubErrorsNameTheOptionAndWhatWasExpected() {
    assertEquals("hub h:1 refused --window (HTTP 400): window is 'x'; expected a duration from 1m to 366d",
        HubError.describe("h:1", 400,
            "{\"error\":\"window is 'x'\",\"parameter\":\"window\",\"expected\":\"a duration from 1m to 366d\"}"));
    String denied = HubError.describe("h:1", 403, "{\"error\":\"10.0.0.9 is not a registered peer: \\\"x\\\"\"}");
    assertEquals("hub h:1 refused (HTTP 403): 10.0.0.9 is not a registered peer: \"x\" (run this on the node:"
        + " the hub knows it by its overlay address)", denied);
    assertEquals("hub h:1 answered HTTP 502: Bad Gateway", HubError.describe("h:1", 502, "Bad Gateway\n"));
  }

  @Test
  void theListFileIsReplacedWholeWithMode0644() throws Exception {
    Path list = dir.resolve("blocklist.nft");
    Files.writeString(list, "old\n");
    Files.setPosixFilePermissions(list, PosixFilePermissions.fromString("rw-------"));
    ListFile.write(list, "new\n".getBytes(StandardCharsets.UTF_8));
    assertArrayEquals("new\n".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(list));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(list)));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file is left");
    }
    assertThrows(java.io.IOException.class, () -> ListFile.write(dir.resolve("no/such/dir/x"), new byte[1]));
    assertThrows(java.io.IOException.class, () -> ListFile.write(dir, new byte[1]));
  }
}
