package org.portscope.hub.enroll;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A self-signed X.509 v3 certificate (ECDSA P-256 with SHA-256), encoded in DER by hand: the JDK
 * can sign but has no public API to build a certificate, and a whole library for one structure is
 * not worth its weight. Nodes never check names or dates of this certificate: they pin its public
 * key by the hash their token carries.
 */
final class SelfSignedCert {
  private static final byte[] ECDSA_SHA256 = {0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x04, 0x03, 0x02};
  private static final byte[] COMMON_NAME = {0x55, 0x04, 0x03};
  private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
      .withZone(ZoneOffset.UTC);

  private SelfSignedCert() {}

  /** The certificate's DER bytes for {@code keys}, valid from {@code from} for ten years. */
  static byte[] create(KeyPair keys, String commonName, Instant from, SecureRandom random) {
    byte[] algorithm = seq(tlv(0x06, ECDSA_SHA256));
    byte[] name = seq(tlv(0x31, seq(tlv(0x06, COMMON_NAME), tlv(0x0C, commonName.getBytes(StandardCharsets.UTF_8)))));
    byte[] validity = seq(time(from.minusSeconds(300)), time(from.plusSeconds(10L * 365 * 86_400)));
    byte[] tbs = seq(tlv(0xA0, tlv(0x02, new byte[] {2})), tlv(0x02, new BigInteger(63, random).add(BigInteger.ONE).toByteArray()),
        algorithm, name, validity, name, keys.getPublic().getEncoded());
    try {
      Signature signer = Signature.getInstance("SHA256withECDSA");
      signer.initSign(keys.getPrivate(), random);
      signer.update(tbs);
      byte[] signature = signer.sign();
      byte[] bits = new byte[signature.length + 1]; // no unused bits
      System.arraycopy(signature, 0, bits, 1, signature.length);
      return seq(tbs, algorithm, tlv(0x03, bits));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot sign with ECDSA P-256: " + e.getMessage(), e);
    }
  }

  private static byte[] time(Instant t) {
    return tlv(0x17, UTC_TIME.format(t).getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] seq(byte[]... parts) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      content.writeBytes(p);
    }
    return tlv(0x30, content.toByteArray());
  }

  private static byte[] tlv(int tag, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int n = value.length;
    if (n < 0x80) {
      out.write(n);
    } else if (n < 0x100) {
      out.write(0x81);
      out.write(n);
    } else {
      out.write(0x82);
      out.write(n >>> 8);
      out.write(n & 0xFF);
    }
    out.writeBytes(value);
    return out.toByteArray();
  }
}
