package org.portscope.provisioner.enroll;

import java.time.Instant;
import java.util.Objects;
import org.portscope.provisioner.onboard.inventory.Anonymization;

/**
 * A token just registered on a hub, with what a node needs to use it: where the hub's enrollment
 * API is and the SHA-256 of the node bundle it serves. {@link #toString()} never shows the token.
 *
 * @param token {@code pst1.ID.SECRET.PIN}: a secret, for the node only (never log it)
 * @param id the token's id (not secret)
 * @param expiresAt when the hub stops accepting it
 * @param hubHost the hub's public host (its WireGuard endpoint's host)
 * @param port the enrollment API's TCP port
 * @param bundleSha256 hex SHA-256 of the node bundle the hub serves at {@code /v1/bundle}
 * @param anonymizationKeyId the key id the hub tells enrolled nodes to anonymize under (then the
 *     node needs the institution's Crypto-PAn key, which the hub never holds), or null
 */
public record IssuedToken(String token, String id, Instant expiresAt, String hubHost, int port, String bundleSha256,
        String anonymizationKeyId) {

    public IssuedToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(hubHost, "hubHost");
        if (!Objects.requireNonNull(bundleSha256, "bundleSha256").matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("bundleSha256 must be 64 hex digits");
        }
        if (anonymizationKeyId != null) {
            Anonymization.checkKeyId("anonymizationKeyId", anonymizationKeyId);
        }
    }

    /** A token of a hub whose enrolled nodes forward addresses as they are. */
    public IssuedToken(String token, String id, Instant expiresAt, String hubHost, int port, String bundleSha256) {
        this(token, id, expiresAt, hubHost, port, bundleSha256, null);
    }

    /** The enrollment API as {@code portscope-sensor enroll --hub} takes it. */
    public String hub() {
        return (hubHost.indexOf(':') >= 0 ? "[" + hubHost + "]" : hubHost) + ":" + port;
    }

    @Override
    public String toString() {
        return "IssuedToken[" + id + ", token=[secret], expires " + expiresAt + ", hub " + hub()
                + (anonymizationKeyId == null ? "" : ", anonymizes under " + anonymizationKeyId) + "]";
    }
}
