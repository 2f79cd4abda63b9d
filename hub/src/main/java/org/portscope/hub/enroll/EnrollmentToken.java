package org.portscope.hub.enroll;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A token as a node presents it: {@code pst1.ID.SECRET.PIN}, where ID is 16 hex digits, SECRET
 * 43 base64url characters (32 random bytes) and PIN the hub certificate's public key hash
 * ({@link TlsIdentity#pin()}). The hub checks ID and SECRET; the node checks PIN.
 */
public record EnrollmentToken(String id, String secret, String pin) {
  public static final String PREFIX = "pst1";
  private static final Pattern FORM = Pattern.compile(
      "pst1\\.([0-9a-f]{16})\\.([A-Za-z0-9_-]{43})\\.([A-Za-z0-9_-]{43})");

  public EnrollmentToken {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(pin, "pin");
  }

  /** @throws Refusal (400) naming the expected form, never echoing the text */
  public static EnrollmentToken parse(String text) {
    var m = FORM.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      throw new Refusal(400, "the token is malformed: expected pst1.ID.SECRET.PIN (16 hex digits, then two"
          + " 43-character base64url parts)");
    }
    return new EnrollmentToken(m.group(1), m.group(2), m.group(3));
  }

  @Override
  public String toString() {
    return "EnrollmentToken[" + id + ", secret=[hidden]]";
  }
}
