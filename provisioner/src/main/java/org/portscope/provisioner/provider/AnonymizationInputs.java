package org.portscope.provisioner.provider;

import java.util.Locale;
import java.util.Objects;
import org.portscope.provisioner.onboard.inventory.Anonymization;

/**
 * The institution's Crypto-PAn key as a node's inputs give it: {@code anonymizationKey} (a secret,
 * 64 hex digits) and {@code anonymizationKeyId} (stamped on every observation; default the
 * institution's name). {@link #toString()} never shows the key.
 *
 * @param keyId the key's id
 * @param keyHex the key, 64 lower-case hex digits
 */
record AnonymizationInputs(String keyId, String keyHex) {

    AnonymizationInputs {
        Objects.requireNonNull(keyId, "keyId");
        if (!Objects.requireNonNull(keyHex, "keyHex").matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a Crypto-PAn key is 64 hex digits");
        }
    }

    /** Null when the node has no key (its sensor then forwards addresses as they are). */
    static AnonymizationInputs read(Inputs in, String institution) {
        if (!in.has("anonymizationKey")) {
            return null;
        }
        String key = in.secret("anonymizationKey", "the institution's Crypto-PAn key (64 hex digits)");
        String id = keyId(in, institution);
        if (key == null) {
            return null;
        }
        String hex = key.replaceAll("\\s", "").toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            in.fail("anonymizationKey", "is not a Crypto-PAn key (expected 64 hex digits; make one with"
                    + " bin/portscope-sensor keygen-anon)");
            return null;
        }
        return id == null ? null : new AnonymizationInputs(id, hex);
    }

    /**
     * Reads {@code anonymizationKeyId} ({@code fallback} when it is absent); null, with a failure
     * naming the input, the value and what was expected, when it is not a key id.
     */
    static String keyId(Inputs in, String fallback) {
        String id = in.string("anonymizationKeyId", fallback, "a key id");
        if (id != null && !Anonymization.isKeyId(id)) {
            in.bad("anonymizationKeyId", id, Anonymization.KEY_ID_RULE);
            return null;
        }
        return id;
    }

    @Override
    public String toString() {
        return "AnonymizationInputs[" + keyId + ", key=[secret]]";
    }
}
