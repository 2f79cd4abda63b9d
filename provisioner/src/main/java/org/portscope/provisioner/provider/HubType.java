package org.portscope.provisioner.provider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.portscope.provisioner.onboard.OnboardContext;
import org.portscope.provisioner.onboard.converge.TargetReport;
import org.portscope.provisioner.onboard.hub.EnrolledNodes;
import org.portscope.provisioner.onboard.hub.Hub;
import org.portscope.provisioner.plan.IpLiterals;
import org.portscope.provisioner.plan.PeerAddresses;
import org.portscope.provisioner.ssh.SshSession;

/**
 * {@code portscope:index:Hub}: an institution's hub, converged over SSH by the onboarding's hub
 * converge (packages, key pair made on the hub, WireGuard config and interface, IP forwarding).
 * Inputs: {@code institution}, {@code overlay {ipv4, ipv6}}, {@code interface}, {@code ssh {host,
 * port, user, hostKey, sudo}}, {@code endpoint}, {@code listenPort}, {@code enrollmentPort} and
 * {@code anonymizationKeyId} (the institution's Crypto-PAn key id, which the hub's enrollment API
 * tells enrolled nodes to anonymize under; absent: they forward addresses as they are). Outputs
 * add {@code publicKey}, {@code address}, {@code address6} and {@code state}. Another machine
 * ({@code ssh.host}, {@code ssh.port}), another interface or institution is another hub: replace;
 * the rest (a new key id too) updates in place. Delete tears the hub down ({@link HubTeardown}).
 */
final class HubType implements ResourceType {

    static final String TOKEN = "portscope:index:Hub";
    private static final Set<String> INPUTS = Set.of("institution", "overlay", "interface", "ssh", "endpoint", "listenPort",
            "enrollmentPort", "anonymizationKeyId");
    private static final Set<String> REPLACE = Set.of("institution", "interface", "ssh.host", "ssh.port");

    private final HubSessions sessions;

    HubType(HubSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public String token() {
        return TOKEN;
    }

    @Override
    public List<Inputs.Failure> check(Map<String, Object> news) {
        Inputs in = Inputs.of(news);
        HubInputs.read(in);
        AnonymizationInputs.keyId(in, null);
        return in.failures();
    }

    @Override
    public Diff diff(Map<String, Object> olds, Map<String, Object> news) {
        List<String> replaces = new ArrayList<>();
        List<String> updates = new ArrayList<>();
        for (String path : Changes.between(olds, news, INPUTS)) {
            (Changes.under(path, REPLACE) ? replaces : updates).add(path);
        }
        if (replaces.isEmpty() && !"running".equals(PropertyValues.reveal(olds.get("state")))) {
            updates.add("state"); // refresh found it not running: converge it again
        }
        // Same machine, other interface: the old interface must go before the new one is made.
        boolean sameMachine = replaces.stream().noneMatch(p -> p.startsWith("ssh."));
        return new Diff(replaces, updates, !replaces.isEmpty() && sameMachine);
    }

    @Override
    public Result create(String name, Map<String, Object> news, Operation op) {
        return converge(news, op);
    }

    @Override
    public Result update(String id, Map<String, Object> olds, Map<String, Object> news, Operation op) {
        return converge(news, op);
    }

    private Result converge(Map<String, Object> news, Operation op) {
        HubInputs hub = inputs(news);
        String keyId = anonymizationKeyId(news);
        HubSession session = sessions.session(op.configured(), hub);
        return session.exclusive(s -> {
            OnboardContext context = s.hubContext(keyId);
            TargetReport report;
            try (Hub converge = new Hub(context)) {
                report = converge.converge(op.progress());
            }
            Map<String, Object> outputs = outputs(news, context.plan().hub(),
                    s.state().hubPublicKey().map(k -> k.base64()).orElse(null), report.ok() ? "running" : "failed");
            if (!report.ok()) {
                throw new PartialFailure(report.failure().getMessage(), new Result(hub.identity(), outputs), report.failure());
            }
            return new Result(hub.identity(), outputs);
        });
    }

    static Map<String, Object> outputs(Map<String, Object> inputs, PeerAddresses addresses, String publicKey, String state) {
        Map<String, Object> outputs = new LinkedHashMap<>(inputs);
        outputs.put("publicKey", publicKey);
        outputs.put("address", IpLiterals.format(addresses.ipv4()));
        outputs.put("address6", addresses.ipv6() == null ? null : IpLiterals.format(addresses.ipv6()));
        outputs.put("state", state);
        return outputs;
    }

    @Override
    public Result read(String id, Map<String, Object> state, Operation op) {
        HubInputs hub = inputs(state);
        HubTeardown.Seen seen = HubTeardown.look(op.configured(), hub);
        if (!seen.present()) {
            return new Result(null, state);
        }
        Map<String, Object> outputs = new LinkedHashMap<>(state);
        outputs.put("publicKey", seen.publicKey());
        outputs.put("state", seen.up() ? "running" : "down: WireGuard interface " + hub.interfaceName() + " is not up");
        outputs.put("enrolledNodes", enrolledNodes(op.configured(), hub));
        return new Result(id, outputs);
    }

    @Override
    public void delete(String id, Map<String, Object> olds, Operation op) {
        HubInputs hub = inputs(olds);
        sessions.session(op.configured(), hub).exclusive(s -> {
            HubTeardown.run(op.configured(), hub, op.progress());
            return null;
        });
        sessions.forget(hub);
    }

    /**
     * The nodes that enrolled themselves with a token, as the hub recorded them: name, address,
     * token id and when (no keys). Shown in the stack's outputs after {@code pulumi refresh}.
     */
    static List<Object> enrolledNodes(Configured configured, HubInputs hub) {
        try (SshSession ssh = SshSession.open(configured.target(hub.ssh(), "hub.ssh"), configured.sshOptions())) {
            List<Object> nodes = new ArrayList<>();
            for (EnrolledNodes.Enrolled node : EnrolledNodes.list(ssh.root())) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", node.name());
                entry.put("address", node.address());
                entry.put("tokenId", node.tokenId());
                entry.put("enrolledAt", node.enrolledAt());
                nodes.add(entry);
            }
            return nodes;
        }
    }

    /** The key id enrolled nodes anonymize under, or null; not part of {@link HubInputs}, which nodes and tokens share. */
    private static String anonymizationKeyId(Map<String, Object> properties) {
        Inputs in = Inputs.of(properties);
        String keyId = AnonymizationInputs.keyId(in, null);
        if (!in.complete()) {
            throw new ProviderException("hub inputs are not complete: " + in.failures());
        }
        return keyId;
    }

    private static HubInputs inputs(Map<String, Object> properties) {
        Inputs in = Inputs.of(properties);
        HubInputs hub = HubInputs.read(in);
        if (hub == null) {
            throw new ProviderException("hub inputs are not complete: " + in.failures());
        }
        return hub;
    }
}
