package org.portscope.provisioner.onboard.inventory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The institution's Crypto-PAn key, which every node's sensor anonymizes addresses with before
 * they leave the node ({@code anonymization: {key-file: PATH, key-id: ID}} at the top of the
 * inventory). Only the path is held: the key is read when it is uploaded, and never appears in a
 * message.
 *
 * @param keyFile the key on the provisioner's machine: 64 hex digits (whitespace allowed) or 32
 *     raw bytes, as {@code portscope-sensor keygen-anon} writes it; readable by its owner only
 * @param keyId the id stamped on every observation (letters, digits, '.', '_', '-')
 */
public record Anonymization(Path keyFile, String keyId) {

    /**
     * The sensor's rule for key ids ({@code Observation.ANON_KEY_ID_RULE} in sensor-api, which the
     * provisioner does not depend on at run time; its tests check that the two agree); every input
     * of a key id here is checked with it ({@link #isKeyId}).
     */
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    public static final String KEY_ID_RULE = "1-64 letters, digits, '.', '_' or '-'";

    public Anonymization {
        Objects.requireNonNull(keyFile, "keyFile");
        checkKeyId("key id", keyId);
    }

    /** Whether {@code keyId} follows {@link #KEY_ID_RULE}. */
    public static boolean isKeyId(String keyId) {
        return keyId != null && KEY_ID.matcher(keyId).matches();
    }

    /**
     * Returns {@code keyId} when it follows {@link #KEY_ID_RULE}.
     *
     * @throws IllegalArgumentException naming {@code what} and the value otherwise
     */
    public static String checkKeyId(String what, String keyId) {
        Objects.requireNonNull(keyId, what);
        if (!isKeyId(keyId)) {
            throw new IllegalArgumentException(what + " '" + keyId + "' is not " + KEY_ID_RULE);
        }
        return keyId;
    }

    /**
     * The key's bytes as they are in the file (the plugin reads both forms), after checking them.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it, never its content
     */
    public byte[] read() {
        byte[] content;
        try {
            if (!Files.isRegularFile(keyFile)) {
                throw new IllegalArgumentException(keyFile + " is not a regular file (expected the institution's"
                        + " Crypto-PAn key; make one with: portscope-sensor keygen-anon --out " + keyFile + ")");
            }
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(keyFile, LinkOption.NOFOLLOW_LINKS);
            if (mode.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                throw new IllegalArgumentException(keyFile + " can be read by others (mode "
                        + java.nio.file.attribute.PosixFilePermissions.toString(mode) + "); expected mode 0600 or 0400");
            }
            content = Files.readAllBytes(keyFile);
        } catch (IOException e) {
            throw new IllegalArgumentException(keyFile + " cannot be read: " + e.getClass().getSimpleName(), e);
        }
        if (content.length != 32 && !isHexKey(content)) {
            throw new IllegalArgumentException(keyFile + " is not a Crypto-PAn key; expected 64 hex digits"
                    + " (whitespace allowed) or 32 raw bytes, found " + content.length + " bytes of another form");
        }
        return content;
    }

    private static boolean isHexKey(byte[] content) {
        String text = new String(content, StandardCharsets.US_ASCII).replaceAll("\\s", "");
        return text.length() == 64 && text.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    @Override
    public String toString() {
        return "Anonymization[" + keyFile + ", key id " + keyId + "]";
    }
}
