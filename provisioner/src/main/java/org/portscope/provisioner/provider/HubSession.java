package org.portscope.provisioner.provider;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.portscope.provisioner.onboard.OnboardContext;
import org.portscope.provisioner.onboard.converge.Progress;
import org.portscope.provisioner.onboard.converge.TargetReport;
import org.portscope.provisioner.onboard.hub.EnrolledNodes;
import org.portscope.provisioner.onboard.hub.Hub;
import org.portscope.provisioner.onboard.inventory.NodeSpec;
import org.portscope.provisioner.onboard.machine.Layout;
import org.portscope.provisioner.onboard.state.NodeRecord;
import org.portscope.provisioner.onboard.state.ProvisionerState;
import org.portscope.provisioner.ssh.SshSession;

/**
 * What operations on one hub share while the provider runs: the onboarding state, seeded once from
 * the hub's own config (its peers: names, addresses, keys), and one connected {@link Hub} through
 * which node converges add their peers, as {@code portscope onboard} converges nodes in parallel
 * against one hub. Node creates and updates run side by side ({@link #shared}); work that changes
 * the hub as a whole or removes a peer runs alone ({@link #exclusive}) and drops the shared
 * connection afterwards, so the next node reads the hub afresh.
 */
final class HubSession implements AutoCloseable {

    private final Configured runtime;
    private final HubInputs hub;
    private final ProvisionerState state;
    /** The addresses of nodes that enrolled themselves: never planned for a node of the stack. */
    private final java.util.Set<java.net.InetAddress> enrolled;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);
    private Hub connected;

    private HubSession(Configured runtime, HubInputs hub, ProvisionerState state, java.util.Set<java.net.InetAddress> enrolled) {
        this.runtime = runtime;
        this.hub = hub;
        this.state = state;
        this.enrolled = java.util.Set.copyOf(enrolled);
    }

    /** Reads the hub's peers over SSH (none when it was never onboarded), and the enrolled nodes' addresses. */
    static HubSession open(Configured runtime, HubInputs hub) {
        Map<String, NodeRecord> peers;
        java.util.Set<java.net.InetAddress> enrolled = new java.util.HashSet<>();
        try (SshSession ssh = SshSession.open(runtime.target(hub.ssh(), "hub.ssh"), runtime.sshOptions())) {
            peers = ssh.root().readFile(Layout.renderedConfig(hub.interfaceName()))
                    .map(bytes -> HubPeers.parse(new String(bytes, StandardCharsets.UTF_8))).orElse(Map.of());
            EnrolledNodes.peers(ssh.root()).values().forEach(p -> p.allowedIps().forEach(c -> enrolled.add(c.network())));
        }
        return new HubSession(runtime, hub, ProvisionerState.inMemory(hub.institution(), null, peers), enrolled);
    }

    HubInputs hub() {
        return hub;
    }

    ProvisionerState state() {
        return state;
    }

    /** A context for work on these nodes, which the plan gives addresses (kept when the hub knows them). */
    OnboardContext context(List<NodeSpec> nodes) {
        return context(nodes, null);
    }

    /** The same, with the institution's Crypto-PAn key for the nodes' sensors. */
    OnboardContext context(List<NodeSpec> nodes, AnonymizationInputs anonymization) {
        return runtime.context(runtime.inventory(hub, nodes, anonymization, null), state, enrolled);
    }

    /**
     * A context for the hub's own converge, whose enrollment API tells enrolled nodes to
     * anonymize under {@code anonymizationKeyId} (null: they forward addresses as they are).
     */
    OnboardContext hubContext(String anonymizationKeyId) {
        return runtime.context(runtime.inventory(hub, List.of(), null, anonymizationKeyId), state, enrolled);
    }

    /** Runs work that may share the hub with other node converges. */
    <T> T shared(Function<HubSession, T> work) {
        return locked(lock.readLock(), work);
    }

    /** Runs work alone on this hub, then drops the shared connection. */
    <T> T exclusive(Function<HubSession, T> work) {
        return locked(lock.writeLock(), session -> {
            try {
                return work.apply(session);
            } finally {
                disconnect();
            }
        });
    }

    private <T> T locked(Lock held, Function<HubSession, T> work) {
        try {
            held.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("hub " + hub.identity() + ": cancelled while waiting for other work on the hub");
        }
        try {
            return work.apply(this);
        } finally {
            held.unlock();
        }
    }

    /** The hub, connected once for the node converges that share it. */
    synchronized Hub connectedHub(Progress progress) {
        if (connected == null) {
            Hub fresh = new Hub(context(List.of()));
            TargetReport report = fresh.connectOnly(progress);
            if (!report.ok()) {
                fresh.close();
                throw new ProviderException(report.failure().getMessage(), report.failure());
            }
            connected = fresh;
        }
        return connected;
    }

    private synchronized void disconnect() {
        if (connected != null) {
            connected.close();
            connected = null;
        }
    }

    @Override
    public void close() {
        disconnect();
    }

    @Override
    public String toString() {
        return "HubSession[" + hub.identity() + "]";
    }
}
