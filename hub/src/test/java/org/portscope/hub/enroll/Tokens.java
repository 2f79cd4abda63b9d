package org.portscope.hub.enroll;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/** Token records written as the provisioner writes them, and the tokens that go with them. */
final class Tokens {
  static final String PIN = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
  private static final SecureRandom RANDOM = new SecureRandom();

  private Tokens() {}

  /** Writes a record for a new token into {@code dir}; returns the token's text. */
  static String issue(Path dir, String institution, int uses, Instant expiresAt) throws IOException {
    byte[] id = new byte[8];
    byte[] secret = new byte[32];
    RANDOM.nextBytes(id);
    RANDOM.nextBytes(secret);
    String idHex = HexFormat.of().formatHex(id);
    String secretText = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    ObjectNode record = new ObjectMapper().createObjectNode();
    record.put("version", 1);
    record.put("id", idHex);
    record.put("name", "test");
    record.put("institution", institution);
    record.put("secretSha256", TokenBook.sha256(secretText));
    record.put("uses", uses);
    record.put("expiresAt", expiresAt.toString());
    Files.createDirectories(dir);
    Files.write(dir.resolve(idHex + ".json"), new ObjectMapper().writeValueAsBytes(record));
    return "pst1." + idHex + "." + secretText + "." + PIN;
  }

  /** A WireGuard public key (any 32 bytes in base64 has the form). */
  static String publicKey() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
