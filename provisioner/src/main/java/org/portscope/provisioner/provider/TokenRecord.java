package org.portscope.provisioner.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.portscope.provisioner.onboard.machine.Layout;
import org.portscope.provisioner.ssh.ShellQuote;
import org.portscope.provisioner.ssh.SshSession;

/**
 * An enrollment token as the hub keeps it: {@code /var/lib/portscope-hub/enrollment-tokens/ID.json}
 * (0600, the hub service's user, which counts uses in it), holding the id, the institution, the
 * SHA-256 of the secret (never the secret), the uses allowed and the expiry. The token handed to a
 * node is {@code pst1.ID.SECRET.PIN}, PIN being the hub's TLS key pin (base64url SHA-256 of the
 * enrollment API certificate's public key), read from the hub when the token is made.
 *
 * @param id 16 hex digits
 * @param name the token's label
 * @param institution the institution it enrolls into
 * @param secretSha256 hex SHA-256 of the secret
 * @param uses how many enrollments it allows
 * @param expiresAt when it stops being accepted
 */
public record TokenRecord(String id, String name, String institution, String secretSha256, int uses, Instant expiresAt) {

    static final String DIR = Layout.HUB_TOKENS;
    static final String PREFIX = "pst1";
    private static final ObjectMapper JSON = new ObjectMapper();

    public TokenRecord {
        if (!Objects.requireNonNull(id, "id").matches("[0-9a-f]{16}")) {
            throw new IllegalArgumentException("token id must be 16 hex digits");
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(institution, "institution");
        Objects.requireNonNull(secretSha256, "secretSha256");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** A new token and its record. {@link #toString()} of Issued never shows the token. */
    public record Issued(TokenRecord record, String token) {
        @Override
        public String toString() {
            return "Issued[" + record.id() + ", token=[secret]]";
        }
    }

    static Issued issue(SecureRandom random, TokenInputs inputs, Instant now, String pin) {
        return issue(random, inputs.name(), inputs.hub().institution(), inputs.uses(), inputs.ttl(), now, pin);
    }

    /** Builds a record as {@link #issue} does, for a hub reached some other way (portscope token create, tests). */
    public static Issued issue(SecureRandom random, String name, String institution, int uses, java.time.Duration ttl, Instant now,
            String pin) {
        byte[] id = new byte[8];
        byte[] secret = new byte[32];
        random.nextBytes(id);
        random.nextBytes(secret);
        String secretText = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        TokenRecord record = new TokenRecord(HexFormat.of().formatHex(id), name, institution, sha256(secretText), uses,
                now.plus(ttl));
        return new Issued(record, new org.portscope.provisioner.enroll.EnrollToken(record.id(), secretText, pin).text());
    }

    TokenRecord withUses(int newUses) {
        return new TokenRecord(id, name, institution, secretSha256, newUses, expiresAt);
    }

    static void write(Configured configured, HubInputs hub, TokenRecord record) {
        try (SshSession ssh = open(configured, hub)) {
            write(ssh.root(), record);
        }
    }

    /**
     * Puts the record where the hub's enrollment API reads it (and counts its uses). A record
     * already there keeps the uses the hub counted ({@code used}): a new number of uses is not a
     * new token.
     */
    public static void write(org.portscope.provisioner.onboard.machine.Shell root, TokenRecord record) {
        String owner = Layout.HUB_USER + ":" + Layout.HUB_USER;
        root.run("enrollment token folder", "install -d -m 0700 -o " + Layout.HUB_USER + " -g " + Layout.HUB_USER + " " + DIR);
        int used = used(root.run("enrollment token uses", "cat " + path(record.id()) + " 2>/dev/null || true"));
        org.portscope.provisioner.onboard.machine.FileSync.upload(root, "enrollment token", java.util.List.of(
                org.portscope.provisioner.onboard.machine.RemoteFile.of(path(record.id()), 0600, owner, record.json(used))), null);
    }

    /** The uses the hub counted in a record's text (0 for none, or for no record). */
    static int used(String recordText) {
        if (recordText.isBlank()) {
            return 0;
        }
        try {
            return JSON.readTree(recordText).path("used").asInt(0);
        } catch (IOException e) {
            throw new ProviderException("an enrollment token record on the hub is not valid JSON: " + e.getMessage(), e);
        }
    }

    /**
     * The pin of the hub's enrollment API certificate, read over SSH.
     *
     * @throws ProviderException when the hub has no certificate (its enrollment API never ran)
     */
    public static String pin(org.portscope.provisioner.onboard.machine.Shell root) {
        String pem = root.run("enrollment certificate", "cat " + Layout.HUB_TLS_CERT + " 2>/dev/null || true");
        if (!pem.contains("BEGIN CERTIFICATE")) {
            throw new ProviderException("the hub has no enrollment certificate (" + Layout.HUB_TLS_CERT + "): give the hub"
                    + " an enrollment port (hub.enrollment-port) and onboard it first");
        }
        try {
            java.security.cert.X509Certificate cert = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory
                    .getInstance("X.509").generateCertificate(new java.io.ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.getPublicKey().getEncoded());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.GeneralSecurityException e) {
            throw new ProviderException("the hub's enrollment certificate is not valid: " + e.getMessage(), e);
        }
    }

    static String pin(Configured configured, HubInputs hub) {
        try (SshSession ssh = open(configured, hub)) {
            return pin(ssh.root());
        }
    }

    static Optional<TokenRecord> read(Configured configured, HubInputs hub, String id) {
        try (SshSession ssh = open(configured, hub)) {
            return ssh.root().readFile(path(id)).map(TokenRecord::parse);
        }
    }

    static void revoke(Configured configured, HubInputs hub, String id) {
        try (SshSession ssh = open(configured, hub)) {
            ssh.root().run("revoke enrollment token", "rm -f " + ShellQuote.quote(path(id)));
        }
    }

    private static SshSession open(Configured configured, HubInputs hub) {
        return SshSession.open(configured.target(hub.ssh(), "hub.ssh"), configured.sshOptions());
    }

    /** Where the hub keeps token {@code id}'s record. */
    public static String path(String id) {
        if (!id.matches("[0-9a-f]{16}")) {
            throw new ProviderException("'" + id.replaceAll("\\p{Cntrl}", "?") + "' is not an enrollment token id");
        }
        return DIR + "/" + id + ".json";
    }

    /** The record with the uses counted so far. */
    byte[] json(int used) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        root.put("id", id);
        root.put("name", name);
        root.put("institution", institution);
        root.put("secretSha256", secretSha256);
        root.put("uses", uses);
        root.put("expiresAt", expiresAt.toString());
        if (used > 0) {
            root.put("used", used);
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TokenRecord parse(byte[] bytes) {
        try {
            JsonNode root = JSON.readTree(bytes);
            return new TokenRecord(root.path("id").asText(), root.path("name").asText(), root.path("institution").asText(),
                    root.path("secretSha256").asText(), root.path("uses").asInt(), Instant.parse(root.path("expiresAt").asText()));
        } catch (IOException | RuntimeException e) {
            throw new ProviderException("an enrollment token record on the hub is not valid: " + e.getMessage(), e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
