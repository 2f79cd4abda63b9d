package org.portscope.provisioner.wireguard;

import java.util.Arrays;
import java.util.Base64;

/** Fixed, obviously fake keys, so rendered configs can be compared as text. */
final class TestKeys {

    private TestKeys() {
    }

    static WgPublicKey pub(int fill) {
        return new WgPublicKey(b64(fill));
    }

    static WgPresharedKey psk(int fill) {
        return WgPresharedKey.parse(b64(fill));
    }

    private static String b64(int fill) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) fill);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
