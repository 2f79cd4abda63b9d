package org.portscope.provisioner.enroll;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLHandshakeException;
import org.portscope.provisioner.wireguard.WgPublicKey;

/** The node's side of the hub's enrollment API: one POST over TLS pinned by the token. */
final class HubClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the hub answered. {@link #toString()} leaves out the preshared key. */
    record Answer(String status, String name, String address, String hubPublicKey, String presharedKey, String endpoint,
            String hubAllowedIp, String collector, String keyId) {
        static Answer of(JsonNode a) {
            JsonNode hub = a.path("hub");
            return new Answer(a.path("status").asText(), a.path("name").asText(), a.path("address").asText(),
                    hub.path("publicKey").asText(), hub.path("presharedKey").asText(), hub.path("endpoint").asText(),
                    hub.path("allowedIps").path(0).asText(), a.path("collector").asText(),
                    a.path("anonymizationKeyId").isTextual() ? a.path("anonymizationKeyId").asText() : null);
        }

        @Override
        public String toString() {
            return "Answer[" + status + ", " + name + ", " + address + "]";
        }
    }

    private final String hub;
    private final EnrollToken token;

    /** @param hub {@code host:port} of the enrollment API */
    HubClient(String hub, EnrollToken token) {
        this.hub = Objects.requireNonNull(hub, "hub");
        this.token = Objects.requireNonNull(token, "token");
    }

    /**
     * @throws IllegalStateException naming both pins when the hub's certificate is not the
     *     token's, or the hub's reason when it refuses
     */
    Answer enroll(String name, WgPublicKey publicKey, ObjectNode facts) {
        ObjectNode body = JSON.createObjectNode();
        body.put("token", token.text());
        body.put("name", name);
        body.put("publicKey", publicKey.base64());
        body.set("facts", facts);
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://" + hub + "/v1/enroll"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json(body))).build();
        HttpResponse<byte[]> response = send(request);
        try {
            JsonNode answer = JSON.readTree(response.body());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the hub at " + hub + " refused the enrollment (HTTP " + response.statusCode()
                        + "): " + answer.path("error").asText("no reason given"));
            }
            return Answer.of(answer);
        } catch (IOException e) {
            throw new IllegalStateException("the hub at " + hub + " answered what is not JSON (HTTP " + response.statusCode() + ")", e);
        }
    }

    /**
     * Makes sure the hub is the one the token names (TLS with its pinned key), before anything
     * else is done.
     */
    void checkPin() {
        send(HttpRequest.newBuilder(URI.create("https://" + hub + "/v1/enroll")).timeout(Duration.ofSeconds(30)).GET().build());
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        PinnedTls tls = new PinnedTls(token.pin());
        HttpClient client = HttpClient.newBuilder().sslContext(tls.context()).connectTimeout(Duration.ofSeconds(10)).build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (SSLHandshakeException e) {
            if (tls.seen() != null && !tls.seen().equals(token.pin())) {
                throw new IllegalStateException("aborted: the hub at " + hub + " is not the one the token names: the token"
                        + " pins certificate key " + token.pin() + ", the hub presented " + tls.seen(), e);
            }
            throw new IllegalStateException("TLS with the hub at " + hub + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the hub's enrollment API at " + hub + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while enrolling at " + hub, e);
        }
    }

    private static byte[] json(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
