package org.portscope.provisioner.onboard.hub;

import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import org.portscope.provisioner.onboard.OnboardContext;
import org.portscope.provisioner.onboard.converge.Change;
import org.portscope.provisioner.onboard.converge.Progress;
import org.portscope.provisioner.onboard.converge.StepFailedException;
import org.portscope.provisioner.onboard.converge.StepRunner;
import org.portscope.provisioner.onboard.converge.TargetReport;
import org.portscope.provisioner.onboard.machine.FileSync;
import org.portscope.provisioner.onboard.machine.Layout;
import org.portscope.provisioner.onboard.machine.MachineFacts;
import org.portscope.provisioner.onboard.machine.MachineSteps;
import org.portscope.provisioner.onboard.machine.RemoteFile;
import org.portscope.provisioner.onboard.state.NodeRecord;
import org.portscope.provisioner.plan.AddressPlan;
import org.portscope.provisioner.plan.Cidr;
import org.portscope.provisioner.plan.IpLiterals;
import org.portscope.provisioner.plan.PeerAddresses;
import org.portscope.provisioner.ssh.RemoteShell;
import org.portscope.provisioner.ssh.ShellQuote;
import org.portscope.provisioner.ssh.SshSession;
import org.portscope.provisioner.wireguard.HubConfig;
import org.portscope.provisioner.wireguard.HubPeer;
import org.portscope.provisioner.wireguard.InterfaceAddress;
import org.portscope.provisioner.wireguard.WgConfigRenderer;
import org.portscope.provisioner.wireguard.WgPublicKey;

/**
 * The hub of an institution's overlay: its converge (the same steps as a node's, for the hub
 * interface, with IP forwarding on, then the hub service: collector, store and API on the overlay
 * address, see {@link HubDeployment}), and the live peer list. Peers change with the hub's full
 * config (rendered from the state: every node with a public key) through
 * {@code wg syncconf IF <(wg-quick strip IF)}, which adds and removes peers without touching the
 * others' sessions; the installed config keeps its PrivateKey line, so syncconf keeps the key
 * (see hub.conf.mustache); the hub service's peers file is rewritten in the same command, and the
 * service reads it again by itself. Thread-safe: node converges call it from many threads; peer changes are
 * serialized, and at most {@value #CHANNELS} commands run on the hub at once (sshd's MaxSessions).
 */
public final class Hub implements AutoCloseable {

    public static final String TARGET = "hub";
    private static final int CHANNELS = 6;

    private final OnboardContext context;
    private final Semaphore channels = new Semaphore(CHANNELS, true);
    private final HubVerifier verifier;
    private final HubDeployment deployment;
    /** Whether the hub service's folder exists: then peer changes rewrite its peers file too. */
    private volatile boolean serviceInstalled;
    private SshSession ssh;
    private MachineFacts facts;
    private WgPublicKey publicKey;
    private Map<String, HubPeer> appliedAtStart = Map.of();
    private Map<String, HubPeer> applied = Map.of();
    /** Nodes being offboarded: no longer peers, though the state still lists them until they are clean. */
    private java.util.Set<String> peersAtStart = java.util.Set.of();
    private final java.util.Set<String> removed = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public Hub(OnboardContext context) {
        this.context = Objects.requireNonNull(context, "context");
        this.verifier = new HubVerifier(context.inventory().interfaceName(),
                script -> shell("verify nodes", script, Duration.ofSeconds(30)));
        this.deployment = new HubDeployment(context.inventory().interfaceName(), context.plan().hub().ipv4(),
                context.inventory().hub().service(), context.assets(),
                context.inventory().hub().service().enrollmentPort() == 0 ? null : this::enrollmentConfig);
    }

    /** Connects and converges the hub; the report says what changed. */
    public TargetReport converge(Progress progress) {
        StepRunner steps = new StepRunner(TARGET, progress);
        try {
            connect(steps);
            steps.step("detect", () -> {
                facts = MachineFacts.detect(root(), MachineFacts.Role.HUB);
                return Change.UNCHANGED;
            });
            steps.step("packages", () -> MachineSteps.packages(root(), facts));
            steps.step("folders", () -> MachineSteps.folders(root(), null));
            steps.step("ip-forward", this::ipForward);
            steps.step("scripts", () -> Change.of(!FileSync.sync(root(), "scripts", context.assets().scripts()).isEmpty()));
            Change key = steps.step("key-pair", () -> {
                MachineSteps.KeyPair pair = MachineSteps.keyPair(root(), iface());
                publicKey = pair.publicKey();
                context.state().setHubPublicKey(publicKey);
                return pair.change();
            });
            steps.step("wireguard-config", () -> {
                Map<String, HubPeer> peers = wantedPeers();
                // Applied live when the interface runs: a restart would drop every node's session
                // until its next handshake (up to two minutes, since nodes only rekey on their timers).
                Change change = MachineSteps.wireGuardConfig(root(), iface(), render(peers), key == Change.CHANGED,
                        liveSync());
                appliedAtStart = peers;
                applied = peers;
                return change;
            });
            steps.step("wireguard-up", () -> MachineSteps.wireGuardUp(root(), facts, iface(), false).or(syncLivePeers()));
            service(steps);
            return steps.report(null);
        } catch (StepFailedException e) {
            return steps.report(e);
        }
    }

    /** The enrollment API's config, once the hub's key pair is made. */
    private byte[] enrollmentConfig() {
        var inventory = context.inventory();
        return HubFiles.enrollment(inventory.institution(), publicKey(), inventory.overlay().ipv4().toString(),
                context.plan().hub().ipv4(), inventory.hub().endpoint().host(), inventory.hub().endpoint().port(),
                inventory.hub().service());
    }

    /** The hub service, once the overlay address it listens on is up. */
    private void service(StepRunner steps) {
        steps.step("hub-user", () -> deployment.account(root()));
        List<String> changed = new java.util.ArrayList<>();
        steps.step("hub-files", () -> {
            synchronized (this) { // the peers file of the peers the WireGuard config has
                changed.addAll(deployment.files(root(), peersFile(applied)));
                serviceInstalled = true;
            }
            return Change.of(!changed.isEmpty());
        });
        steps.step("hub-start", () -> deployment.start(root(), facts, changed));
        steps.step("hub-verify", () -> deployment.verify(root()));
    }

    /** Connects only (offboarding and status need no converge). */
    public TargetReport connectOnly(Progress progress) {
        StepRunner steps = new StepRunner(TARGET, progress);
        try {
            connect(steps);
            steps.step("detect", () -> {
                facts = MachineFacts.detect(root(), MachineFacts.Role.HUB);
                return Change.UNCHANGED;
            });
            applied = null; // unknown: the next peer change applies the config whatever it was
            String seen = root().run("peers", "wg show " + ShellQuote.quote(iface()) + " peers 2>/dev/null || true;"
                    + " echo ---; if [ -d " + Layout.HUB_CONFIG_DIR + " ]; then echo hub-service; fi");
            int cut = seen.indexOf("---\n");
            peersAtStart = java.util.Set.copyOf(seen.substring(0, Math.max(0, cut)).lines().map(String::strip)
                    .filter(l -> !l.isEmpty()).toList());
            serviceInstalled = cut >= 0 && seen.substring(cut).contains("hub-service");
            return steps.report(null);
        } catch (StepFailedException e) {
            return steps.report(e);
        }
    }

    private void connect(StepRunner steps) {
        steps.step("connect", () -> {
            ssh = SshSession.open(context.inventory().hub().ssh().target(context.inventory().knownHosts(),
                    context.env(), "hub.ssh"), context.sshOptions());
            return Change.of(ssh.hostKeyRecordedOnFirstUse().isPresent());
        });
    }

    public WgPublicKey publicKey() {
        return context.state().hubPublicKey().orElseThrow(() -> new IllegalStateException(
                "the hub has no public key yet: onboard the hub first"));
    }

    /**
     * Makes the hub's peers match the state, now that {@code node}'s key is recorded there.
     *
     * @return CHANGED when the node's peer was not on the hub, with these keys and addresses,
     *     before this run
     */
    public synchronized Change ensurePeer(String node) {
        Map<String, HubPeer> wanted = wantedPeers();
        HubPeer peer = wanted.get(node);
        if (peer == null) {
            throw new IllegalStateException("node '" + node + "' has no public key in the state");
        }
        if (!wanted.equals(applied)) {
            apply(wanted);
        }
        return Change.of(!peer.equals(appliedAtStart.get(node)));
    }

    /**
     * Removes a node's peer live. Removals that arrive while one is applied are applied together.
     *
     * @return CHANGED when the hub had the peer when this run connected
     */
    public Change removePeer(String node) {
        removed.add(node);
        synchronized (this) {
            Map<String, HubPeer> wanted = wantedPeers();
            if (applied == null || !wanted.equals(applied)) {
                apply(wanted);
            }
        }
        WgPublicKey key = context.state().node(node).map(NodeRecord::publicKey).orElse(null);
        return Change.of(key != null && peersAtStart.contains(key.base64()));
    }

    /**
     * {@code wg syncconf} with the installed config and the enrolled nodes' peers (portscope-wg-apply),
     * when the interface runs: peers change, sessions stay.
     */
    private String liveSync() {
        String i = ShellQuote.quote(iface());
        return "if wg show " + i + " >/dev/null 2>&1; then " + Layout.WG_APPLY + " " + i + "; fi";
    }

    private void apply(Map<String, HubPeer> peers) {
        List<RemoteFile> alongside = serviceInstalled ? List.of(HubDeployment.peersFile(peersFile(peers))) : List.of();
        withChannel(() -> {
            MachineSteps.replaceWireGuardConfig(root(), iface(), render(peers), alongside, liveSync());
            return null;
        });
        applied = Map.copyOf(peers);
    }

    /** The hub service's peers file: the WireGuard peers, by overlay address, with their names. */
    private byte[] peersFile(Map<String, HubPeer> peers) {
        Map<String, PeerAddresses> addresses = new LinkedHashMap<>();
        peers.keySet().forEach(name -> context.state().node(name).ifPresent(n -> addresses.put(name, n.addresses())));
        return HubFiles.peers(context.inventory().institution(), addresses);
    }

    /** After a restart or a crash between install and sync, the running peers may lag the file. */
    private Change syncLivePeers() {
        String i = ShellQuote.quote(iface());
        // Nodes that enrolled themselves are peers too, applied from the hub service's file
        // (portscope-wg-apply), never rendered here: a node revoked on the hub stays revoked.
        java.util.Set<String> expected = new java.util.HashSet<>();
        applied.values().forEach(p -> expected.add(p.publicKey().base64()));
        enrolledPeers().values().forEach(p -> expected.add(p.publicKey().base64()));
        java.util.Set<String> running = new java.util.HashSet<>(root().run("live peers", "wg show " + i + " peers").lines()
                .map(String::strip).filter(l -> !l.isEmpty()).toList());
        if (running.equals(expected)) {
            return Change.UNCHANGED;
        }
        root().run("sync live peers", Layout.WG_APPLY + " " + i);
        return Change.CHANGED;
    }

    private Map<String, HubPeer> wantedPeers() {
        Map<String, HubPeer> peers = new LinkedHashMap<>();
        context.state().nodes().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            NodeRecord node = e.getValue();
            if (node.publicKey() != null && !removed.contains(e.getKey())) {
                List<Cidr> allowed = node.addresses().all().stream().map(Cidr::host).toList();
                peers.put(e.getKey(), new HubPeer(e.getKey(), node.publicKey(), node.presharedKey(), allowed));
            }
        });
        return peers;
    }

    private byte[] render(Map<String, HubPeer> peers) {
        AddressPlan plan = context.plan();
        List<InterfaceAddress> addresses = plan.network().cidrs().stream()
                .map(c -> new InterfaceAddress(plan.hub().in(c), c.prefixLength())).toList();
        HubConfig config = new HubConfig(iface(), addresses, context.inventory().hub().listenPort(),
                HubConfig.defaultKeyFile(iface()), List.copyOf(peers.values()));
        return new WgConfigRenderer().renderHub(config).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private Change ipForward() {
        boolean v6 = context.inventory().overlay().ipv6() != null;
        String script = "c=no\n"
                + "[ \"$(cat /proc/sys/net/ipv4/ip_forward)\" = 1 ] || { echo 1 > /proc/sys/net/ipv4/ip_forward; c=yes; }\n"
                + (v6 ? "[ \"$(cat /proc/sys/net/ipv6/conf/all/forwarding)\" = 1 ] || { echo 1 > /proc/sys/net/ipv6/conf/all/forwarding; c=yes; }\n" : "")
                + "want='net.ipv4.ip_forward = 1" + (v6 ? "\nnet.ipv6.conf.all.forwarding = 1" : "") + "'\n"
                + "if [ \"$(cat " + Layout.SYSCTL_FILE + " 2>/dev/null)\" != \"$want\" ]; then mkdir -p /etc/sysctl.d;"
                + " printf '%s\\n' \"$want\" > " + Layout.SYSCTL_FILE + "; c=yes; fi\necho changed=$c\n";
        return Change.of(root().run("ip forwarding", script).contains("changed=yes"));
    }

    /**
     * Waits until the hub has a handshake from the node and its sensor's /healthz answers ok over
     * the overlay (checked from the hub).
     *
     * @return what /healthz answered
     */
    public String awaitVerified(String node, WgPublicKey peer, InetAddress address, int port, Duration timeout) {
        return verifier.await(node, peer.base64(), "http://" + hostForUrl(address) + ":" + port + "/healthz", timeout);
    }

    /** One reading of peers' latest handshakes (public key to unix seconds, 0 = never) and the hub's clock. */
    public HubReadings read(Map<String, NodeRecord> nodes) {
        StringBuilder script = new StringBuilder("date +%s; echo ---; wg show " + ShellQuote.quote(iface())
                + " latest-handshakes 2>/dev/null; echo ---\n");
        nodes.forEach((name, node) -> script.append("printf '%s ' ").append(ShellQuote.quote(name)).append("; curl -sS -m 2 ")
                .append(ShellQuote.quote("http://" + hostForUrl(node.addresses().ipv4()) + ":" + node.metricsPort() + "/healthz"))
                .append(" 2>&1 | tr -d '\\n'; echo\n"));
        return HubReadings.parse(shell("read status", script.toString(), Duration.ofSeconds(30 + 3L * nodes.size())));
    }

    private static String hostForUrl(InetAddress address) {
        String text = IpLiterals.format(address);
        return text.indexOf(':') >= 0 ? "[" + text + "]" : text;
    }

    /** A command on the hub from any thread, within the channel limit. */
    private String shell(String step, String command, Duration timeout) {
        return withChannel(() -> root().run(step, command, null, timeout).stdoutText());
    }

    private <T> T withChannel(java.util.function.Supplier<T> work) {
        channels.acquireUninterruptibly();
        try {
            return work.get();
        } finally {
            channels.release();
        }
    }

    private RemoteShell root() {
        if (ssh == null) {
            throw new IllegalStateException("the hub is not connected");
        }
        return ssh.root();
    }

    private String iface() {
        return context.inventory().interfaceName();
    }

    /** The nodes that enrolled themselves with a token, as peers (none without the enrollment API). */
    public Map<String, HubPeer> enrolledPeers() {
        return context.inventory().hub().service().enrollmentPort() == 0 ? Map.of()
                : withChannel(() -> EnrolledNodes.peers(root()));
    }

    /** The hub's overlay addresses. */
    public PeerAddresses addresses() {
        return context.plan().hub();
    }

    /** Where nodes deliver observations: the hub service's collector on the hub's overlay address. */
    public java.net.InetSocketAddress collector() {
        return new java.net.InetSocketAddress(addresses().ipv4(), context.inventory().hub().service().collectorPort());
    }

    /**
     * Stops the hub service and removes everything the hub converge installed for it (user,
     * jar, config, peers file, store, unit), for a hub's teardown; UNCHANGED when none was there.
     */
    public static Change removeService(RemoteShell root, boolean systemd) {
        return HubDeployment.remove(root, systemd);
    }

    @Override
    public void close() {
        if (ssh != null) {
            ssh.close();
        }
    }
}
