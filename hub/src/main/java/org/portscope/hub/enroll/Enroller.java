package org.portscope.hub.enroll;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.portscope.hub.peer.PeerRegistry;
import org.portscope.sensor.api.IpAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides enrollments, one at a time: checks the token, counts its use, gives the node an
 * address, records it and publishes its peer for root to apply live ({@link WireGuard}). A node already enrolled
 * under its name with the same key gets its answer again and costs no use; the same name with a
 * new key (a re-imaged machine) takes the old peer's place only if the token has a use left.
 */
final class Enroller {
  private static final Logger LOG = LoggerFactory.getLogger(Enroller.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=");

  /** What a node sends. */
  record Request(String token, String name, String publicKey, JsonNode facts) {
    @Override
    public String toString() {
      return "Request[" + name + ", " + publicKey + "]";
    }
  }

  private final EnrollConfig config;
  private final TokenBook tokens;
  private final EnrolledPeers enrolled;
  private final PeerRegistry onboarded;
  private final WireGuard wireGuard;
  private final AddressPool pool;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  Enroller(EnrollConfig config, TokenBook tokens, EnrolledPeers enrolled, PeerRegistry onboarded, WireGuard wireGuard,
      Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.enrolled = Objects.requireNonNull(enrolled, "enrolled");
    this.onboarded = Objects.requireNonNull(onboarded, "onboarded");
    this.wireGuard = Objects.requireNonNull(wireGuard, "wireGuard");
    this.pool = new AddressPool(config.overlay(), config.prefixLength());
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** @throws Refusal with the status and reason to answer */
  synchronized ObjectNode enroll(Request request) {
    EnrollmentToken token = EnrollmentToken.parse(request.token());
    if (request.name() == null || !NAME.matcher(request.name()).matches()) {
      throw new Refusal(400, "name must be 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    if (request.publicKey() == null || !KEY.matcher(request.publicKey()).matches()) {
      throw new Refusal(400, "publicKey must be a WireGuard public key (44 characters of base64)");
    }
    TokenBook.Entry entry = tokens.check(token, clock.instant());
    if (!entry.institution().equals(config.institution())) {
      throw new Refusal(403, "token " + token.id() + " is for institution '" + entry.institution() + "', not this hub's");
    }
    Optional<EnrolledPeers.Node> before = enrolled.byName(request.name());
    if (before.isPresent() && before.get().publicKey().equals(request.publicKey())) {
      return answer(before.get(), "unchanged");
    }
    if (onboarded.all().stream().anyMatch(p -> p.name().equals(request.name()))) {
      throw new Refusal(409, "node name '" + request.name() + "' belongs to a node onboarded over SSH");
    }
    if (enrolled.nodes().stream().anyMatch(n -> n.publicKey().equals(request.publicKey()))) {
      throw new Refusal(409, "this public key is already enrolled under another name");
    }
    TokenBook.Entry paid = tokens.use(entry);
    try {
      IpAddress address = before.map(EnrolledPeers.Node::address).orElseGet(() -> pool.allocate(used()));
      EnrolledPeers.Node node = new EnrolledPeers.Node(request.name(), config.institution(), address,
          request.publicKey(), presharedKey(), token.id(), clock.instant(),
          request.facts() == null ? JSON.createObjectNode() : request.facts());
      // Published before it is recorded, so a node on record always has its peer; a re-imaged
      // node's old key leaves the file with its old record.
      List<EnrolledPeers.Node> after = new ArrayList<>(enrolled.nodes());
      after.removeIf(n -> n.name().equals(node.name()));
      after.add(node);
      wireGuard.publish(after);
      enrolled.put(node);
      return answer(node, before.isPresent() ? "re-enrolled" : "enrolled");
    } catch (RuntimeException e) {
      tokens.giveBack(paid);
      LOG.warn("enrollment of {} with token {} failed, its use given back: {}", request.name(), token.id(), e.getMessage());
      throw e;
    }
  }

  /** Writes the peers file from the records, as they are at start. */
  synchronized void publish() {
    wireGuard.publish(enrolled.nodes());
  }

  /** Reads the records again and publishes the peers when they changed (a node revoked). */
  synchronized boolean refresh() {
    if (!enrolled.reload()) {
      return false;
    }
    wireGuard.publish(enrolled.nodes());
    return true;
  }

  private Set<IpAddress> used() {
    Set<IpAddress> used = new HashSet<>();
    used.add(config.hubAddress());
    onboarded.all().forEach(p -> used.add(p.overlayAddress()));
    enrolled.nodes().forEach(n -> used.add(n.address()));
    return used;
  }

  private String presharedKey() {
    byte[] key = new byte[32];
    random.nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  private ObjectNode answer(EnrolledPeers.Node node, String status) {
    ObjectNode out = JSON.createObjectNode();
    out.put("status", status);
    out.put("name", node.name());
    out.put("institution", node.institution());
    out.put("address", node.address().toString());
    ObjectNode hub = out.putObject("hub");
    hub.put("publicKey", config.hubPublicKey());
    hub.put("presharedKey", node.presharedKey());
    hub.put("endpoint", config.endpoint());
    hub.putArray("allowedIps").add(config.hubAddress() + "/32");
    out.put("collector", config.collector().getAddress().getHostAddress() + ":" + config.collector().getPort());
    if (config.keyId() != null) {
      out.put("anonymizationKeyId", config.keyId());
    }
    return out;
  }
}
