package org.portscope.provisioner.ssh;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.UserInfo;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * JSch's view of one target's host key policy. JSch runs with {@code StrictHostKeyChecking=yes} and
 * asks {@link #check}: a pinned or already recorded key is OK, a first key under trust-on-first-use
 * is recorded and OK, anything else is CHANGED, which makes JSch drop the connection before
 * authenticating; the details are kept for the {@link HostKeyMismatchException}.
 */
final class HostKeyVerifier implements HostKeyRepository {

    /** Plain host key algorithms in OpenSSH's order of preference; certificates are not used. */
    static final List<String> DEFAULT_ALGORITHMS = List.of("ssh-ed25519", "ecdsa-sha2-nistp256",
            "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "rsa-sha2-512", "rsa-sha2-256");

    private final SshTarget target;
    private volatile HostKeyMismatchException mismatch;
    private volatile SshPublicKey recorded;

    HostKeyVerifier(SshTarget target) {
        this.target = target;
    }

    /**
     * The {@code server_host_key} list: the pinned or recorded key types first, so a node with
     * several host keys is asked for the one we can check.
     */
    String algorithms() {
        Set<String> order = new LinkedHashSet<>();
        if (target.hostKeys() instanceof HostKeyPolicy.Pinned pinned) {
            pinned.pin().keyType().ifPresent(type -> order.add(SshPublicKey.algorithmsFor(type)));
        } else if (target.hostKeys() instanceof HostKeyPolicy.TrustOnFirstUse tofu) {
            for (SshPublicKey known : tofu.knownHosts().lookup(target.host(), target.port())) {
                order.add(SshPublicKey.algorithmsFor(known.type()));
            }
        }
        order.addAll(DEFAULT_ALGORITHMS);
        return order.stream().flatMap(a -> List.of(a.split(",")).stream()).distinct()
                .collect(Collectors.joining(","));
    }

    Optional<HostKeyMismatchException> mismatch() {
        return Optional.ofNullable(mismatch);
    }

    /** The key this connection recorded under trust-on-first-use, if it did. */
    Optional<SshPublicKey> recorded() {
        return Optional.ofNullable(recorded);
    }

    @Override
    public int check(String host, byte[] key) {
        SshPublicKey seen = new SshPublicKey(key);
        if (target.hostKeys() instanceof HostKeyPolicy.Pinned pinned) {
            if (pinned.pin().matches(seen)) {
                return OK;
            }
            mismatch = new HostKeyMismatchException(target.address(), "pinned in the inventory",
                    pinned.pin().describe(), seen.describe());
            return CHANGED;
        }
        HostKeyPolicy.TrustOnFirstUse tofu = (HostKeyPolicy.TrustOnFirstUse) target.hostKeys();
        KnownHosts.Verdict verdict = tofu.knownHosts().verifyOrRecord(target.host(), target.port(), seen);
        if (verdict instanceof KnownHosts.Verdict.Mismatch refused) {
            String expected = refused.recorded().stream().map(SshPublicKey::describe)
                    .collect(Collectors.joining(" or "));
            mismatch = new HostKeyMismatchException(target.address(), "recorded in " + tofu.knownHosts().file(),
                    expected, seen.describe());
            return CHANGED;
        }
        if (verdict instanceof KnownHosts.Verdict.Recorded) {
            recorded = seen;
        }
        return OK;
    }

    @Override
    public void add(HostKey hostkey, UserInfo ui) {
        throw new UnsupportedOperationException("host keys are recorded only by the trust-on-first-use check");
    }

    @Override
    public void remove(String host, String type) {
        throw new UnsupportedOperationException("recorded host keys are never replaced silently");
    }

    @Override
    public void remove(String host, String type, byte[] key) {
        throw new UnsupportedOperationException("recorded host keys are never replaced silently");
    }

    @Override
    public String getKnownHostsRepositoryID() {
        return target.hostKeys() instanceof HostKeyPolicy.TrustOnFirstUse tofu
                ? tofu.knownHosts().file().toString() : "the inventory's host key pin";
    }

    @Override
    public HostKey[] getHostKey() {
        return new HostKey[0];
    }

    @Override
    public HostKey[] getHostKey(String host, String type) {
        return new HostKey[0]; // JSch asks only to look for @revoked markers, which we do not keep
    }
}
