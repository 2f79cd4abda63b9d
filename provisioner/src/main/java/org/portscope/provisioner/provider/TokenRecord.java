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
 * An enrollment token as the hub keeps it: {@code /etc/portscope/enrollment-tokens/ID.json}
 * (0600, root), holding the id, the institution, the SHA-256 of the secret (never the secret),
 * the uses allowed and the expiry. The token handed to a node is {@code pst1.ID.SECRET}.
 *
 * @param id 16 hex digits
 * @param name the token's label
 * @param institution the institution it enrolls into
 * @param secretSha256 hex SHA-256 of the secret
 * @param uses how many enrollments it allows
 * @param expiresAt when it stops being accepted
 */
record TokenRecord(String id, String name, String institution, String secretSha256, int uses, Instant expiresAt) {

    static final String DIR = Layout.CONFIG_DIR + "/enrollment-tokens";
    static final String PREFIX = "pst1";
    private static final ObjectMapper JSON = new ObjectMapper();

    TokenRecord {
        if (!Objects.requireNonNull(id, "id").matches("[0-9a-f]{16}")) {
            throw new IllegalArgumentException("token id must be 16 hex digits");
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(institution, "institution");
        Objects.requireNonNull(secretSha256, "secretSha256");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** A new token and its record. {@link #toString()} of Issued never shows the token. */
    record Issued(TokenRecord record, String token) {
        @Override
        public String toString() {
            return "Issued[" + record.id() + ", token=[secret]]";
        }
    }

    static Issued issue(SecureRandom random, TokenInputs inputs, Instant now) {
        byte[] id = new byte[8];
        byte[] secret = new byte[32];
        random.nextBytes(id);
        random.nextBytes(secret);
        String secretText = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        TokenRecord record = new TokenRecord(HexFormat.of().formatHex(id), inputs.name(), inputs.hub().institution(),
                sha256(secretText), inputs.uses(), now.plus(inputs.ttl()));
        return new Issued(record, PREFIX + "." + record.id() + "." + secretText);
    }

    TokenRecord withUses(int newUses) {
        return new TokenRecord(id, name, institution, secretSha256, newUses, expiresAt);
    }

    static void write(Configured configured, HubInputs hub, TokenRecord record) {
        try (SshSession ssh = open(configured, hub)) {
            ssh.root().run("enrollment token folder", "install -d -m 0700 " + DIR);
            ssh.root().upload(record.json(), path(record.id()), 0600, "root:root");
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

    static String path(String id) {
        if (!id.matches("[0-9a-f]{16}")) {
            throw new ProviderException("'" + id.replaceAll("\\p{Cntrl}", "?") + "' is not an enrollment token id");
        }
        return DIR + "/" + id + ".json";
    }

    byte[] json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        root.put("id", id);
        root.put("name", name);
        root.put("institution", institution);
        root.put("secretSha256", secretSha256);
        root.put("uses", uses);
        root.put("expiresAt", expiresAt.toString());
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
