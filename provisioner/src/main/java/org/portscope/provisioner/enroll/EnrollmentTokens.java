package org.portscope.provisioner.enroll;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.portscope.provisioner.onboard.hub.HubFiles;
import org.portscope.provisioner.onboard.inventory.Inventory;
import org.portscope.provisioner.onboard.machine.Layout;
import org.portscope.provisioner.onboard.machine.Shell;
import org.portscope.provisioner.plan.NodeNames;
import org.portscope.provisioner.provider.TokenRecord;
import org.portscope.provisioner.ssh.RemoteShell;
import org.portscope.provisioner.ssh.ShellQuote;
import org.portscope.provisioner.ssh.SshOptions;
import org.portscope.provisioner.ssh.SshSession;

/**
 * Enrollment tokens made from an inventory ({@code portscope token create}, the demo), over SSH to
 * its hub as onboarding reaches it: the hub's certificate pin is read, the token's record (the
 * secret's SHA-256, never the secret) is written where the hub's enrollment API counts its uses,
 * and the node bundle's checksum and the key id the hub's enrollment API tells nodes to anonymize
 * under are read for the bootstrap ({@link Bootstrap}). The hub must have
 * been onboarded with {@code hub.enrollment-port}.
 */
public final class EnrollmentTokens {

    /** The most uses one token may allow. */
    public static final int MAX_USES = 10_000;
    /** The longest a token may stay valid. */
    public static final Duration MAX_TTL = Duration.ofDays(365);

    private EnrollmentTokens() {
    }

    /**
     * Registers a new token on the inventory's hub.
     *
     * @param uses how many nodes may enroll with it, 1-{@value #MAX_USES}
     * @param ttl how long it is valid, at most {@link #MAX_TTL}
     * @param name the token's label (1-63 letters, digits, '.', '_' or '-')
     * @throws IllegalArgumentException for a bad argument or a hub without an enrollment port
     * @throws RuntimeException naming the step when the hub cannot be reached or lacks its
     *     enrollment certificate or node bundle (onboard it first)
     */
    public static IssuedToken create(Inventory inventory, int uses, Duration ttl, String name) {
        Objects.requireNonNull(inventory, "inventory");
        NodeNames.require(name);
        if (uses < 1 || uses > MAX_USES) {
            throw new IllegalArgumentException("uses must be 1-" + MAX_USES + ", got " + uses);
        }
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("ttl must be positive and at most 365 days, got " + ttl);
        }
        int port = inventory.hub().service().enrollmentPort();
        if (port == 0) {
            throw new IllegalArgumentException("the inventory " + inventory.file() + " gives the hub no enrollment API:"
                    + " set hub.enrollment-port and onboard the hub");
        }
        try (SshSession ssh = open(inventory)) {
            RemoteShell root = ssh.root();
            String pin = TokenRecord.pin(root);
            String bundleSha256 = bundleSha256(root);
            // What the hub will tell the node, whoever made the hub (an inventory or a Pulumi stack).
            String keyId = root.readFile(Layout.HUB_ENROLLMENT).map(HubFiles::enrollmentKeyId).orElse(null);
            TokenRecord.Issued issued = TokenRecord.issue(new SecureRandom(), name, inventory.institution(), uses, ttl,
                    Instant.now(), pin);
            TokenRecord.write(root, issued.record());
            return new IssuedToken(issued.token(), issued.record().id(), issued.record().expiresAt(),
                    inventory.hub().endpoint().host(), port, bundleSha256, keyId);
        }
    }

    /**
     * Revokes a token: its record leaves the hub, so no node enrolls with it any more (nodes that
     * did stay enrolled).
     *
     * @return whether the hub had it
     */
    public static boolean revoke(Inventory inventory, String tokenId) {
        try (SshSession ssh = open(inventory)) {
            String path = TokenRecord.path(tokenId);
            return ssh.root().run("revoke enrollment token", "if [ -e " + ShellQuote.quote(path) + " ]; then rm -f "
                    + ShellQuote.quote(path) + "; echo revoked; fi").contains("revoked");
        }
    }

    /** {@code 30m}, {@code 12h} or {@code 7d}: minutes, hours or days, at most {@link #MAX_TTL}. */
    public static Duration ttl(String text) {
        if (text == null || !text.matches("[1-9][0-9]{0,5}[mhd]")) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 30m, 12h or 7d");
        }
        long amount = Long.parseLong(text.substring(0, text.length() - 1));
        Duration duration = switch (text.charAt(text.length() - 1)) {
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        if (duration.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("'" + text + "' is more than 365 days");
        }
        return duration;
    }

    static SshSession open(Inventory inventory) {
        return SshSession.open(inventory.hub().ssh().target(inventory.knownHosts(), Map.copyOf(System.getenv()), "hub.ssh"),
                SshOptions.defaults());
    }

    private static String bundleSha256(Shell root) {
        String out = root.run("node bundle checksum", "sha256sum " + NodeBundle.ON_HUB + " 2>/dev/null || true").strip();
        if (!out.matches("[0-9a-f]{64}\\s.*")) {
            throw new IllegalStateException("the hub serves no node bundle (" + NodeBundle.ON_HUB + " is missing):"
                    + " onboard the hub with hub.enrollment-port set");
        }
        return out.substring(0, 64);
    }
}
