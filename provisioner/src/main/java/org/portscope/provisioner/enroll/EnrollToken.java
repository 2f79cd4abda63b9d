package org.portscope.provisioner.enroll;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An enrollment token, {@code pst1.ID.SECRET.PIN}: the id of its record on the hub, the secret
 * (whose SHA-256 the hub keeps) and the pin of the hub's TLS certificate (base64url SHA-256 of its
 * public key). {@link #toString()} never shows the secret.
 */
public record EnrollToken(String id, String secret, String pin) {
    public static final String PREFIX = "pst1";
    private static final Pattern FORM = Pattern.compile(
            "pst1\\.([0-9a-f]{16})\\.([A-Za-z0-9_-]{43})\\.([A-Za-z0-9_-]{43})");

    public EnrollToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(pin, "pin");
    }

    /** @throws IllegalArgumentException naming the expected form (never echoing the text) */
    public static EnrollToken parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("the token is malformed: expected pst1.ID.SECRET.PIN (16 hex digits,"
                    + " then two 43-character base64url parts)");
        }
        return new EnrollToken(m.group(1), m.group(2), m.group(3));
    }

    /** The token as a node is given it. */
    public String text() {
        return PREFIX + "." + id + "." + secret + "." + pin;
    }

    /** The pin as curl's {@code --pinnedpubkey sha256//...} wants it (standard base64). */
    public String curlPin() {
        return "sha256//" + java.util.Base64.getEncoder().encodeToString(java.util.Base64.getUrlDecoder().decode(pin));
    }

    @Override
    public String toString() {
        return "EnrollToken[" + id + ", secret=[hidden], pin=" + pin + "]";
    }
}
