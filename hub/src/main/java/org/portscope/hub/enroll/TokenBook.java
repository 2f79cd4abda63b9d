package org.portscope.hub.enroll;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The enrollment tokens the hub accepts: one file per token, {@code DIR/ID.json} (mode 0600),
 * written by the provisioner ({@code portscope token create}, the Pulumi provider) with the id, the
 * institution, the SHA-256 of the secret (never the secret), the uses allowed and the expiry; the
 * hub adds {@code used}. A revoked token is a removed file. Not thread-safe: the {@link Enroller}
 * calls it under its lock, and a use is written (temporary file, then rename) before the
 * enrollment it pays for takes effect, so two nodes racing for the last use cannot both get it.
 */
final class TokenBook {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A token record as read, with its uses so far. */
  record Entry(String id, String institution, int uses, int used, Instant expiresAt, ObjectNode raw) {
    Entry {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(institution, "institution");
      Objects.requireNonNull(expiresAt, "expiresAt");
    }

    boolean usedUp() {
      return used >= uses;
    }
  }

  private final Path dir;

  TokenBook(Path dir) {
    this.dir = Objects.requireNonNull(dir, "dir");
  }

  /**
   * The token's record when the secret matches and it has not expired (uses are the caller's
   * to check: an enrolled node asking again needs none).
   *
   * @throws Refusal 403 for an unknown (revoked), wrong or expired token
   */
  Entry check(EnrollmentToken token, Instant now) {
    Entry entry = read(token.id());
    String wanted = entry.raw().path("secretSha256").asText("");
    if (!MessageDigest.isEqual(sha256(token.secret()).getBytes(StandardCharsets.US_ASCII),
        wanted.getBytes(StandardCharsets.US_ASCII))) {
      throw new Refusal(403, "token " + token.id() + " is not valid (its secret does not match)");
    }
    if (!now.isBefore(entry.expiresAt())) {
      throw new Refusal(403, "token " + token.id() + " expired at " + entry.expiresAt());
    }
    return entry;
  }

  /** Counts one use; the file says so before this returns. */
  Entry use(Entry entry) {
    if (entry.usedUp()) {
      throw new Refusal(403, "token " + entry.id() + " is used up (" + entry.used() + " of " + entry.uses()
          + (entry.uses() == 1 ? " use)" : " uses)"));
    }
    return write(entry, entry.used() + 1);
  }

  /** Gives a use back when the enrollment it paid for failed. */
  Entry giveBack(Entry entry) {
    return write(entry, Math.max(0, entry.used() - 1));
  }

  private Entry read(String id) {
    Path file = dir.resolve(id + ".json");
    try {
      JsonNode root = JSON.readTree(Files.readAllBytes(file));
      if (!(root instanceof ObjectNode object) || !id.equals(root.path("id").asText())) {
        throw new IllegalArgumentException("not a token record for " + id);
      }
      return new Entry(id, root.path("institution").asText(), root.path("uses").asInt(0), root.path("used").asInt(0),
          Instant.parse(root.path("expiresAt").asText()), object);
    } catch (NoSuchFileException e) {
      throw new Refusal(403, "token " + id + " is not known to this hub (revoked, or issued for another hub)");
    } catch (IOException | RuntimeException e) {
      throw new Refusal(500, "token " + id + "'s record on the hub cannot be read: " + e.getMessage());
    }
  }

  private Entry write(Entry entry, int used) {
    ObjectNode raw = entry.raw().deepCopy();
    raw.put("used", used);
    Path file = dir.resolve(entry.id() + ".json");
    try {
      Path tmp = Files.createTempFile(dir, "." + entry.id(), ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try {
        Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(raw));
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record a use of token " + entry.id() + " in " + file, e);
    }
    return new Entry(entry.id(), entry.institution(), entry.uses(), used, entry.expiresAt(), raw);
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
