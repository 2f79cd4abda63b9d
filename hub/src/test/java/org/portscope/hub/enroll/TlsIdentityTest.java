package org.portscope.hub.enroll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsIdentityTest {

  @TempDir
  Path dir;

  @Test
  void theJdkParsesTheCertificateAndItsSignatureIsItsOwnKeys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair keys = generator.generateKeyPair();
    Instant now = Instant.parse("2026-11-26T12:00:00Z");
    byte[] der = SelfSignedCert.create(keys, "portscope-hub", now, new SecureRandom());
    X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(der));
    cert.verify(keys.getPublic());
    cert.checkValidity(Date.from(now));
    cert.checkValidity(Date.from(now.plusSeconds(9L * 365 * 86_400)));
    assertEquals(3, cert.getVersion());
    assertEquals("CN=portscope-hub", cert.getSubjectX500Principal().getName());
    assertEquals(cert.getSubjectX500Principal(), cert.getIssuerX500Principal());
    assertEquals("SHA256withECDSA", cert.getSigAlgName());
  }

  @Test
  void madeOnceKeptAfterwardsKeyPrivate() throws Exception {
    TlsIdentity first = TlsIdentity.loadOrCreate(dir);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("tls.key"))));
    assertEquals(first.pin(), TlsIdentity.loadOrCreate(dir).pin(), "a restart made a new identity");
    assertTrue(first.pin().matches("[A-Za-z0-9_-]{43}"), first.pin());
    assertTrue(first.toString().contains(first.pin()) && !first.toString().contains("PRIVATE"));
  }

  @Test
  void thePinIsWhatOpensslComputesFromTheCertificatesPublicKey() throws Exception {
    if (!Files.isExecutable(Path.of("/usr/bin/openssl"))) {
      // CI has every tool: there a missing one fails instead of skipping
      Assertions.assertNotEquals("true", System.getenv("CI"), "CI=true and openssl is not installed (Debian: openssl)");
      Assumptions.abort("skipped: openssl is not installed (Debian: openssl)");
    }
    String pin = TlsIdentity.loadOrCreate(dir).pin();
    Path crt = dir.resolve("tls.crt");
    Process p = new ProcessBuilder("sh", "-c", "openssl x509 -in \"$1\" -noout -pubkey | openssl pkey -pubin -outform der"
        + " | openssl dgst -sha256 -binary | openssl base64 -A", "sh", crt.toString()).redirectErrorStream(true).start();
    String base64 = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
    assertEquals(0, p.waitFor(), base64);
    // the same hash; the pin is base64url without padding, curl's --pinnedpubkey takes plain base64
    assertEquals(base64, java.util.Base64.getEncoder().encodeToString(java.util.Base64.getUrlDecoder().decode(pin)));
    Process text = new ProcessBuilder("openssl", "x509", "-in", crt.toString(), "-noout", "-text").redirectErrorStream(true).start();
    String out = new String(text.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, text.waitFor(), out);
    assertTrue(out.contains("ecdsa-with-SHA256") && out.contains("Subject: CN = portscope-hub"), out);
  }
}
