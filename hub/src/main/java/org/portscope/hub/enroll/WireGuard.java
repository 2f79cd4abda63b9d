package org.portscope.hub.enroll;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Objects;

/**
 * The enrolled nodes' WireGuard peers as a config fragment, {@code STATE/enrolled-peers.conf}
 * (0600: preshared keys), rewritten whole (temporary file, rename) after each change. Root applies
 * it live, with the hub config's own peers, by {@code wg syncconf} ({@code portscope-wg-apply}:
 * {@code portscope-wg-run} watches the file, so does a systemd path unit), so peers are added and
 * removed without touching other tunnels, and the hub service needs no right over WireGuard at
 * all. (It cannot have one cheaply: wireguard-go's control socket is root's alone, and changing its
 * mode makes wireguard-go exit.)
 */
class WireGuard {
  private final Path file;

  WireGuard(Path file) {
    this.file = Objects.requireNonNull(file, "file");
  }

  Path file() {
    return file;
  }

  /** Writes the peers of {@code nodes}; they are live once root applied the file (within a second). */
  synchronized void publish(List<EnrolledPeers.Node> nodes) {
    StringBuilder conf = new StringBuilder("# The hub's enrollment API writes this file; portscope-wg-apply applies it.\n");
    for (EnrolledPeers.Node node : nodes) {
      conf.append("\n[Peer]\n# ").append(node.name()).append('\n')
          .append("PublicKey = ").append(node.publicKey()).append('\n')
          .append("PresharedKey = ").append(node.presharedKey()).append('\n')
          .append("AllowedIPs = ").append(node.address()).append(node.address().isV4() ? "/32" : "/128").append('\n');
    }
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), ".enrolled-peers", ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try {
        Files.writeString(tmp, conf, StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the enrolled peers to " + file + ": " + e.getMessage(), e);
    }
  }
}
