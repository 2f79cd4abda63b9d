package org.portscope.hub.honeypot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageEncoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.handler.codec.haproxy.HAProxyTLV;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The honeypot on loopback with real sockets: relayed (PROXY v2) and direct clients, what it answers and records. */
class HoneypotServerTest {
  @TempDir Path dir;
  HoneypotServer honeypot;
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void start() {
    honeypot = HoneypotServer.start(new HoneypotConfig(new InetSocketAddress("127.0.0.1", 0),
        dir.resolve("honeypot.jsonl"), Duration.ofSeconds(10), Duration.ofSeconds(20), 4, 32, 4096));
  }

  @AfterEach
  void stop() {
    honeypot.close();
  }

  @Test
  void aRelayedHttpRequestGetsAPageAndIsRecordedUnderTheHeadersAddresses() throws Exception {
    byte[] header = proxyV2("203.0.113.7", 40000, "192.0.2.10", 10080, "node-1");
    try (Socket s = connect()) {
      s.getOutputStream().write(header);
      s.getOutputStream().write("GET /<x> HTTP/1.1\r\nHost: n\r\nUser-Agent: curl/7.88.1\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      String answer = new String(readToEnd(s.getInputStream()), StandardCharsets.US_ASCII);
      assertTrue(answer.startsWith("HTTP/1.1 200 OK\r\n"), answer);
      assertTrue(answer.endsWith("It works!</h1></body></html>\n"), answer);
    }
    JsonNode r = record(1).get(0);
    assertTrue(r.get("proxied").asBoolean());
    assertEquals("node-1", r.get("node").asText());
    assertEquals("k-2026", r.get("anonKeyId").asText());
    assertEquals("203.0.113.7", r.get("src").asText());
    assertEquals(10080, r.get("dport").asInt());
    assertEquals("http", r.get("service").asText());
    assertEquals("honeypot-closed", r.get("end").asText());
    assertEquals(32, r.get("firstBytesLength").asInt(), "keep-bytes");
    assertEquals(55, r.get("bytesIn").asLong());
    assertTrue(r.get("preview").asText().startsWith("GET /\\x3cx\\x3e HTTP/1.1\\r\\n"), r.toString());
    assertEquals(1, honeypot.metrics().proxied());
    assertTrue(honeypot.metrics().prometheus().contains("portscope_hub_honeypot_served_total{service=\"http\"} 1"));
  }

  @Test
  void anSshClientGetsTheIdentificationAndIsCutAtKeyExchange() throws Exception {
    byte[] header = proxyV2("203.0.113.8", 40001, "192.0.2.10", 10022, "node-1");
    try (Socket s = connect()) {
      s.getOutputStream().write(header);
      s.getOutputStream().write("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n".getBytes(StandardCharsets.US_ASCII));
      assertEquals("SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.10\r\n", line(s.getInputStream()));
      s.getOutputStream().write(new byte[] {0, 0, 1, 0x14, 5, 20});
      assertEquals(0, readToEnd(s.getInputStream()).length, "closed after the client's first packet");
    }
    JsonNode r = record(1).get(0);
    assertEquals("ssh", r.get("service").asText());
    assertEquals(38, r.get("bytesIn").asLong());
  }

  @Test
  void aSilentClientIsGreetedByItsDestinationPort() throws Exception {
    byte[] header = proxyV2("203.0.113.9", 40002, "192.0.2.10", 10023, "node-2");
    try (Socket s = connect()) {
      s.getOutputStream().write(header);
      InputStream in = s.getInputStream();
      assertTrue(readUntil(in, "login: ").endsWith("login: "));
      s.getOutputStream().write("root\r\n".getBytes(StandardCharsets.US_ASCII));
      assertEquals("Password: ", readUntil(in, "Password: "));
      s.getOutputStream().write("xc3511\r\n".getBytes(StandardCharsets.US_ASCII));
      assertTrue(readUntil(in, "login: ").contains("Login incorrect"));
    }
    JsonNode r = record(1).get(0);
    assertEquals("telnet", r.get("service").asText());
    assertEquals("root\\r\\nxc3511\\r\\n", r.get("preview").asText());
  }

  @Test
  void aDirectConnectionWithoutHeaderIsServedAsItself() throws Exception {
    try (Socket s = connect()) {
      s.getOutputStream().write("SSH-2.0-Go\r\n".getBytes(StandardCharsets.US_ASCII));
      assertTrue(line(s.getInputStream()).startsWith("SSH-2.0-OpenSSH"));
    }
    JsonNode r = record(1).get(0);
    assertFalse(r.get("proxied").asBoolean());
    assertEquals("127.0.0.1", r.get("src").asText());
    assertEquals("SSH-2.0-Go\\r\\n", r.get("preview").asText());
    assertTrue(r.get("node").isNull());
  }

  @Test
  void beyondMaxConnectionsANewOneIsClosedAndCounted() throws Exception {
    List<Socket> held = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        Socket s = connect();
        s.getOutputStream().write("SSH-2.0-x\r\n".getBytes(StandardCharsets.US_ASCII));
        line(s.getInputStream()); // served, so it is counted open
        held.add(s);
      }
      try (Socket fifth = connect()) {
        assertEquals(0, readToEnd(fifth.getInputStream()).length);
      }
      assertTrue(honeypot.metrics().prometheus().contains("portscope_hub_honeypot_refused_total 1"));
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }

  private Socket connect() throws IOException {
    Socket s = new Socket();
    s.connect(honeypot.address(), 5_000);
    s.setSoTimeout(10_000);
    return s;
  }

  /** A PROXY v2 header as forward-honeypot writes it (node and key id TLVs), through Netty's encoder. */
  static byte[] proxyV2(String src, int sport, String dst, int dport, String node) {
    EmbeddedChannel ch = new EmbeddedChannel(HAProxyMessageEncoder.INSTANCE);
    ch.writeOutbound(new HAProxyMessage(HAProxyProtocolVersion.V2, HAProxyCommand.PROXY, HAProxyProxiedProtocol.TCP4,
        src, dst, sport, dport, List.of(
            new HAProxyTLV((byte) 0xE0, Unpooled.copiedBuffer(node, StandardCharsets.UTF_8)),
            new HAProxyTLV((byte) 0xE1, Unpooled.copiedBuffer("k-2026", StandardCharsets.UTF_8)))));
    ByteBuf out = ch.readOutbound();
    byte[] bytes = new byte[out.readableBytes()];
    out.readBytes(bytes);
    out.release();
    ch.finishAndReleaseAll();
    return bytes;
  }

  /** Waits until the honeypot recorded {@code n} connections, then reads the log. */
  private List<JsonNode> record(int n) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (honeypot.metrics().connections() < n) {
      assertTrue(System.nanoTime() < deadline, "the honeypot recorded " + honeypot.metrics().connections());
      Thread.onSpinWait();
    }
    List<JsonNode> out = new java.util.ArrayList<>();
    for (String l : Files.readAllLines(dir.resolve("honeypot.jsonl"))) {
      out.add(json.readTree(l));
    }
    assertEquals(n, out.size());
    return out;
  }

  private static byte[] readToEnd(InputStream in) throws IOException {
    return in.readAllBytes();
  }

  private static String line(InputStream in) throws IOException {
    return readUntil(in, "\n");
  }

  private static String readUntil(InputStream in, String end) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (!out.toString(StandardCharsets.ISO_8859_1).endsWith(end)) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      out.write(b);
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }
}
