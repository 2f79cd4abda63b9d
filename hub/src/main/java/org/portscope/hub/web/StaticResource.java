package org.portscope.hub.web;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One file of the dashboard, ready to send.
 *
 * @param body the bytes (not to be modified: the record is shared between requests)
 * @param contentType the Content-Type header value
 * @param etag a strong entity tag (quoted) derived from the bytes
 */
public record StaticResource(byte[] body, String contentType, String etag) {
  public StaticResource {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(etag, "etag");
  }

  static StaticResource of(byte[] body, String contentType) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
      return new StaticResource(body, contentType, "\"" + HexFormat.of().formatHex(hash, 0, 12) + "\"");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
