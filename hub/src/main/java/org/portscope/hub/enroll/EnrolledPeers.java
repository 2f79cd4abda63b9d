package org.portscope.hub.enroll;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.portscope.hub.peer.Peer;
import org.portscope.hub.peer.PeerRegistry;
import org.portscope.sensor.api.IpAddress;

/**
 * The nodes that enrolled themselves: one file per node, {@code DIR/NAME.json} (mode 0600: it
 * holds the preshared key), and the same records in memory as a {@link PeerRegistry}, so the
 * collector accepts a node the moment it is enrolled. The provisioner reads these files over SSH
 * to keep these peers in the hub's WireGuard config and out of its own address plan.
 */
final class EnrolledPeers implements PeerRegistry {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One enrolled node. {@link #toString()} leaves out the preshared key. */
  record Node(String name, String institution, IpAddress address, String publicKey, String presharedKey,
      String tokenId, Instant enrolledAt, JsonNode facts) {
    Node {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(institution, "institution");
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(publicKey, "publicKey");
      Objects.requireNonNull(presharedKey, "presharedKey");
      Objects.requireNonNull(tokenId, "tokenId");
      Objects.requireNonNull(enrolledAt, "enrolledAt");
    }

    Peer peer() {
      return new Peer(name, institution, address);
    }

    @Override
    public String toString() {
      return "Node[" + name + ", " + address + ", " + publicKey + "]";
    }
  }

  private final Path dir;
  private final Map<String, Node> byName = new ConcurrentHashMap<>();

  private EnrolledPeers(Path dir) {
    this.dir = dir;
  }

  static EnrolledPeers load(Path dir) {
    EnrolledPeers peers = new EnrolledPeers(Objects.requireNonNull(dir, "dir"));
    peers.reload();
    return peers;
  }

  /**
   * Reads the records again: a record removed by the operator ({@code portscope node revoke})
   * is a node revoked.
   *
   * @return whether the nodes changed
   */
  boolean reload() {
    Map<String, Node> read = new java.util.HashMap<>();
    try {
      Files.createDirectories(dir);
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
        for (Path file : files) {
          Node node = parse(JSON.readTree(file.toFile()), file);
          read.put(node.name(), node);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("enrolled peers in " + dir + " cannot be read: " + e.getMessage(), e);
    }
    if (read.equals(byName)) {
      return false;
    }
    byName.keySet().retainAll(read.keySet());
    byName.putAll(read);
    return true;
  }

  Optional<Node> byName(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  List<Node> nodes() {
    return byName.values().stream().sorted(java.util.Comparator.comparing(Node::name)).toList();
  }

  /** Writes the node's file (temporary file born 0600, then rename), then serves it. */
  void put(Node node) {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", 1);
    root.put("name", node.name());
    root.put("institution", node.institution());
    root.put("address", node.address().toString());
    root.put("publicKey", node.publicKey());
    root.put("presharedKey", node.presharedKey());
    root.put("tokenId", node.tokenId());
    root.put("enrolledAt", node.enrolledAt().toString());
    root.set("facts", node.facts());
    try {
      Path tmp = Files.createTempFile(dir, "." + node.name(), ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try {
        Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        Files.move(tmp, dir.resolve(node.name() + ".json"), StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record enrolled node " + node.name() + " in " + dir, e);
    }
    byName.put(node.name(), node);
  }

  private static Node parse(JsonNode root, Path file) {
    try {
      return new Node(root.path("name").asText(), root.path("institution").asText(),
          IpAddress.parse(root.path("address").asText()), root.path("publicKey").asText(),
          root.path("presharedKey").asText(), root.path("tokenId").asText(),
          Instant.parse(root.path("enrolledAt").asText()), root.path("facts"));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("enrolled peer file " + file + " is not valid: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<Peer> byAddress(IpAddress address) {
    IpAddress plain = !address.isV4() && address.hi() == 0 && (address.lo() >>> 32) == 0xFFFFL
        ? IpAddress.ofV4((int) address.lo()) : address;
    return byName.values().stream().filter(n -> n.address().equals(plain)).findFirst().map(Node::peer);
  }

  @Override
  public List<Peer> all() {
    return nodes().stream().map(Node::peer).toList();
  }
}
