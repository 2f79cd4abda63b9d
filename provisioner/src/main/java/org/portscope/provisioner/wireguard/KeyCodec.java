package org.portscope.provisioner.wireguard;

import java.util.Base64;

/**
 * The text form WireGuard uses for every key: base64 of exactly 32 bytes, 44 characters ending in
 * one {@code =}. Decoding is as strict as {@code wg}'s own (canonical padding bits), so a key we
 * accept is one {@code wg setconf} accepts too.
 */
final class KeyCodec {

    static final int KEY_BYTES = 32;
    static final int BASE64_CHARS = 44;

    private KeyCodec() {
    }

    static String encode(byte[] key) {
        return Base64.getEncoder().encodeToString(key);
    }

    /**
     * Decodes a key. The message of the exception describes the text (its length) but never
     * contains it: the text may be a private key.
     *
     * @param what what the text should be, for the message, e.g. "WireGuard private key"
     */
    static byte[] decode(String text, String what) {
        if (text == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        String expected = " (expected " + BASE64_CHARS + " characters of base64 encoding "
                + KEY_BYTES + " bytes, as wg genkey prints)";
        if (text.length() != BASE64_CHARS || text.charAt(BASE64_CHARS - 1) != '='
                || text.charAt(BASE64_CHARS - 2) == '=') {
            throw new IllegalArgumentException("not a " + what + ": got " + text.length()
                    + " characters" + expected);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            // The JDK's message quotes the offending character: drop it.
            throw new IllegalArgumentException("not a " + what + ": not base64" + expected, null);
        }
        // Non-zero padding bits decode fine in the JDK but wg refuses them.
        if (key.length != KEY_BYTES || !encode(key).equals(text)) {
            throw new IllegalArgumentException("not a " + what + ": non-canonical base64" + expected);
        }
        return key;
    }
}
