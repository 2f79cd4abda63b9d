package org.portscope.hub.enroll;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.hub.peer.PeerRegistry;
import org.portscope.sensor.api.IpAddress;

/** The enrollment API over a real TLS socket on loopback, with a fake WireGuard behind it. */
class EnrollmentServiceTest {
  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private final SeenPin seen = new SeenPin();
  private EnrollmentService service;
  private HttpClient http;

  @AfterEach
  void stop() {
    if (service != null) {
      service.close();
    }
  }

  private void start(Path bundle, int burst) throws Exception {
    EnrollConfig config = new EnrollConfig(new InetSocketAddress("127.0.0.1", 0), "univ", PeersConf.HUB_KEY,
        IpAddress.parse("10.77.0.0"), 24, IpAddress.parse("10.77.0.1"), "hub.example:51820",
        new InetSocketAddress("10.77.0.1", 7070), "univ-2026", dir, bundle, burst, 1);
    service = EnrollmentService.start(config, PeerRegistry.of(List.of()), Clock.fixed(NOW, ZoneOffset.UTC));
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, new TrustManager[] {seen}, new SecureRandom());
    http = HttpClient.newBuilder().sslContext(tls).build();
  }

  private HttpResponse<byte[]> send(String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + service.address().getPort() + path));
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String enrollment(String token, String name) {
    return "{\"token\":\"" + token + "\",\"name\":\"" + name + "\",\"publicKey\":\"" + Tokens.publicKey()
        + "\",\"facts\":{\"os\":\"debian\"}}";
  }

  @Test
  void aNodeEnrollsOverTlsWhoseKeyIsThePinAndIsServedAsAPeer() throws Exception {
    start(null, 5);
    String token = Tokens.issue(dir.resolve("enrollment-tokens"), "univ", 1, NOW.plusSeconds(60));
    HttpResponse<byte[]> response = send("POST", "/v1/enroll", enrollment(token, "edge1"));
    JsonNode answer = JSON.readTree(response.body());
    assertEquals(200, response.statusCode(), answer.toString());
    assertEquals(service.pin(), seen.pin, "the certificate's key is not the pin tokens carry");
    assertEquals("10.77.0.254", answer.path("address").asText());
    assertEquals("univ-2026", answer.path("anonymizationKeyId").asText());
    assertEquals("edge1", service.peers().byAddress(IpAddress.parse("10.77.0.254")).orElseThrow().name());
    HttpResponse<byte[]> again = send("POST", "/v1/enroll", enrollment(token, "edge2"));
    assertEquals(403, again.statusCode());
    assertTrue(JSON.readTree(again.body()).path("error").asText().contains("used up"));
  }

  @Test
  void wrongRequestsGetTheirStatus() throws Exception {
    start(null, 10);
    assertEquals(400, send("POST", "/v1/enroll", "not json").statusCode());
    assertEquals(400, send("POST", "/v1/enroll", "{\"token\":\"pst1.x\"}").statusCode());
    assertEquals(405, send("GET", "/v1/enroll", null).statusCode());
    assertEquals(404, send("GET", "/v1/nothing", null).statusCode());
    HttpResponse<byte[]> noBundle = send("GET", "/v1/bundle", null);
    assertEquals(404, noBundle.statusCode());
    assertEquals("this hub serves no node bundle", JSON.readTree(noBundle.body()).path("error").asText());
  }

  @Test
  void attemptsBeyondTheBurstAreRefusedPerSource() throws Exception {
    start(null, 2);
    assertEquals(403, send("POST", "/v1/enroll", enrollment("pst1." + "0".repeat(16) + "." + "A".repeat(43) + "."
        + Tokens.PIN, "a")).statusCode());
    assertEquals(400, send("POST", "/v1/enroll", "{}").statusCode());
    HttpResponse<byte[]> limited = send("POST", "/v1/enroll", "{}");
    assertEquals(429, limited.statusCode());
    assertTrue(JSON.readTree(limited.body()).path("error").asText().startsWith("too many enrollment attempts from 127.0.0.1"));
  }

  @Test
  void theBundleIsServedAsItIs() throws Exception {
    byte[] content = new byte[300_000];
    new SecureRandom().nextBytes(content);
    Path bundle = Files.write(dir.resolve("node-bundle.tar.gz"), content);
    start(bundle, 5);
    HttpResponse<byte[]> response = send("GET", "/v1/bundle", null);
    assertEquals(200, response.statusCode());
    assertEquals("application/gzip", response.headers().firstValue("content-type").orElse(""));
    assertArrayEquals(content, response.body());
  }

  /** Trusts any server certificate and remembers its pin, as a node checks it against the token. */
  static final class SeenPin extends X509ExtendedTrustManager {
    volatile String pin;

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
      pin = TlsIdentity.pinOf(chain[0]);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
      pin = TlsIdentity.pinOf(chain[0]);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      pin = TlsIdentity.pinOf(chain[0]);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
      throw new UnsupportedOperationException();
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
