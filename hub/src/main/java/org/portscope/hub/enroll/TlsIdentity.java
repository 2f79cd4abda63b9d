package org.portscope.hub.enroll;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

/**
 * The enrollment API's TLS key and self-signed certificate: {@code DIR/tls.key} (PKCS#8 PEM, mode
 * 0600) and {@code DIR/tls.crt} (PEM), made at first start when absent and kept afterwards. Nodes
 * trust the hub by {@link #pin()}, which every enrollment token carries.
 */
public final class TlsIdentity {
  private final PrivateKey key;
  private final X509Certificate certificate;

  private TlsIdentity(PrivateKey key, X509Certificate certificate) {
    this.key = key;
    this.certificate = certificate;
  }

  /** Loads the key and certificate in {@code dir}, or makes them when neither is there. */
  public static TlsIdentity loadOrCreate(Path dir) {
    Path keyFile = dir.resolve("tls.key");
    Path certFile = dir.resolve("tls.crt");
    try {
      if (!Files.exists(keyFile) && !Files.exists(certFile)) {
        create(dir, keyFile, certFile);
      }
      byte[] der = pem(Files.readString(keyFile), "PRIVATE KEY", keyFile);
      PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
      X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(pem(Files.readString(certFile), "CERTIFICATE", certFile)));
      return new TlsIdentity(key, cert);
    } catch (IOException e) {
      throw new UncheckedIOException("enrollment TLS identity in " + dir + " cannot be read or made: " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("enrollment TLS identity in " + dir + " is not an EC key and certificate: "
          + e.getMessage(), e);
    }
  }

  private static void create(Path dir, Path keyFile, Path certFile) throws IOException, GeneralSecurityException {
    Files.createDirectories(dir);
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair keys = generator.generateKeyPair();
    byte[] cert = SelfSignedCert.create(keys, "portscope-hub", Instant.now(), new SecureRandom());
    // Born 0600 in a temporary file, renamed into place: the key is never readable by others.
    Path tmp = Files.createTempFile(dir, ".tls.key", ".tmp", PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rw-------")));
    Files.writeString(tmp, toPem("PRIVATE KEY", keys.getPrivate().getEncoded()));
    Files.move(tmp, keyFile, StandardCopyOption.ATOMIC_MOVE);
    Path certTmp = Files.createTempFile(dir, ".tls.crt", ".tmp");
    Files.writeString(certTmp, toPem("CERTIFICATE", cert));
    Files.setPosixFilePermissions(certTmp, PosixFilePermissions.fromString("rw-r--r--"));
    Files.move(certTmp, certFile, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The server side of TLS for the enrollment API. */
  public SslContext serverContext() {
    try {
      return SslContextBuilder.forServer(key, certificate).protocols("TLSv1.3", "TLSv1.2").build();
    } catch (javax.net.ssl.SSLException e) {
      throw new IllegalStateException("cannot set up TLS for the enrollment API: " + e.getMessage(), e);
    }
  }

  /** The certificate's public key hash: base64url (no padding) of SHA-256 over its SubjectPublicKeyInfo. */
  public String pin() {
    return pinOf(certificate);
  }

  static String pinOf(X509Certificate cert) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.getPublicKey().getEncoded());
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private static String toPem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static byte[] pem(String text, String type, Path file) {
    String begin = "-----BEGIN " + type + "-----";
    String end = "-----END " + type + "-----";
    int b = text.indexOf(begin);
    int e = text.indexOf(end);
    if (b < 0 || e < b) {
      throw new IllegalArgumentException(file + " holds no PEM " + type);
    }
    return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e).getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public String toString() {
    return "TlsIdentity[pin=" + pin() + "]";
  }
}
