package org.portscope.provisioner.wireguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.portscope.provisioner.testing.Prerequisites;
import org.portscope.provisioner.testing.Proc;

/** Our keys against the real wg(8), both ways. */
class WgKeyCompatIT {

    private static final int KEYS = 12;
    private static Path wg;

    @BeforeAll
    static void needWg() {
        wg = Prerequisites.tool("wg", "wireguard-tools");
    }

    private static String wg(String subcommand, String stdin) {
        return Proc.run(List.of(wg.toString(), subcommand), stdin).requireSuccess().out();
    }

    @Test
    void wgPubkeyAgreesWithJavaOnJavaMadeKeys() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < KEYS; i++) {
            WgPrivateKey key = WgPrivateKey.generate(random);
            assertEquals(key.publicKey().base64() + "\n", wg("pubkey", key.toBase64() + "\n"));
        }
    }

    @Test
    void javaAgreesWithWgPubkeyOnWgMadeKeys() {
        for (int i = 0; i < KEYS; i++) {
            String privateKey = wg("genkey", null).strip();
            String expected = wg("pubkey", privateKey + "\n").strip();
            WgPrivateKey key = WgPrivateKey.parse(privateKey);
            assertEquals(expected, key.publicKey().base64());
            // wg genkey clamps as we do, so our encoding of its key is its own text.
            assertEquals(privateKey, key.toBase64());
        }
    }

    @Test
    void rfc7748VectorThroughWg() {
        assertEquals("hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo=\n",
                wg("pubkey", "dwdtCnMYpX08FsFyUbJmRd9ML4frwJkqsXf7pR25LCo=\n"));
    }

    @Test
    void wgGenpskIsAPresharedKeyWeRead() {
        String a = wg("genpsk", null).strip();
        assertEquals(a, WgPresharedKey.parse(a).toBase64());
        assertNotEquals(a, wg("genpsk", null).strip());
    }

    @Test
    void wgRefusesWhatWeRefuse() {
        // Non-canonical padding bits: our parser refuses them, and so does wg.
        String bent = "dwdtCnMYpX08FsFyUbJmRd9ML4frwJkqsXf7pR25LCp=";
        Proc.Result result = Proc.run(List.of(wg.toString(), "pubkey"), bent + "\n");
        assertNotEquals(0, result.exit());
        assertTrue(result.err().contains("Key is not the correct length or format"), result.err());
    }
}
