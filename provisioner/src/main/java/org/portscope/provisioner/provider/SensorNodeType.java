package org.portscope.provisioner.provider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.portscope.provisioner.onboard.OnboardContext;
import org.portscope.provisioner.onboard.Offboarding;
import org.portscope.provisioner.onboard.Onboarding;
import org.portscope.provisioner.onboard.converge.TargetReport;
import org.portscope.provisioner.onboard.inventory.NodeSpec;
import org.portscope.provisioner.onboard.node.NodeConverge;
import org.portscope.provisioner.onboard.state.NodeRecord;
import org.portscope.provisioner.plan.IpLiterals;

/**
 * {@code portscope:index:SensorNode}: a telescope node, onboarded by the onboarding's node converge
 * (key pair made on the node, its peer on the hub, WireGuard up, sensor installed and started,
 * handshake and health verified from the hub) and offboarded on delete. Inputs: {@code name},
 * {@code ssh}, {@code ports}, {@code sensor {interface, plugins, metricsPort}}, {@code hub} (the
 * Hub resource's inputs and {@code publicKey}) and {@code presharedKey} (secret). Outputs add
 * {@code address}, {@code address6}, {@code publicKey} and {@code state} ({@link NodeState}). The
 * node's overlay address is given on create from the hub's free addresses and kept after.
 *
 * <p>Another machine ({@code ssh.host}, {@code ssh.port}) or name replaces the node, the old one
 * offboarded first (its name is its identity on the hub); ports, sensor, access and keys update in
 * place. A state other than running (as refresh found it) makes the next update converge it again.
 */
final class SensorNodeType implements ResourceType {

    static final String TOKEN = "portscope:index:SensorNode";
    private static final Set<String> INPUTS = Set.of("name", "ssh", "ports", "sensor", "hub", "presharedKey",
            "anonymizationKey", "anonymizationKeyId");
    private static final Set<String> REPLACE = Set.of("name", "ssh.host", "ssh.port", "hub.institution",
            "hub.interface", "hub.ssh.host", "hub.ssh.port");

    private final HubSessions sessions;

    SensorNodeType(HubSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public String token() {
        return TOKEN;
    }

    @Override
    public List<Inputs.Failure> check(Map<String, Object> news) {
        Inputs in = Inputs.of(news);
        NodeInputs.read(in);
        return in.failures();
    }

    @Override
    public Diff diff(Map<String, Object> olds, Map<String, Object> news) {
        List<String> replaces = new ArrayList<>();
        List<String> updates = new ArrayList<>();
        for (String path : Changes.between(olds, news, INPUTS)) {
            (Changes.under(path, REPLACE) ? replaces : updates).add(path);
        }
        if (replaces.isEmpty() && olds.containsKey("state") && !NodeState.RUNNING.equals(PropertyValues.reveal(olds.get("state")))) {
            updates.add("state");
        }
        return new Diff(replaces, updates, !replaces.isEmpty());
    }

    @Override
    public Result create(String name, Map<String, Object> news, Operation op) {
        return converge(news, op, true);
    }

    @Override
    public Result update(String id, Map<String, Object> olds, Map<String, Object> news, Operation op) {
        return converge(news, op, false);
    }

    private Result converge(Map<String, Object> news, Operation op, boolean create) {
        NodeInputs node = inputs(news);
        NodeSpec spec = op.configured().nodeSpec(node);
        HubSession session = sessions.session(op.configured(), node.hub());
        return session.shared(s -> {
            s.state().setHubPublicKey(node.hubPublicKey());
            OnboardContext context = s.context(List.of(spec), node.anonymization());
            s.state().setPresharedKey(node.name(), node.presharedKey());
            TargetReport report;
            try {
                report = new NodeConverge(context, s.connectedHub(op.progress()), spec).run(op.progress());
            } catch (RuntimeException bug) {
                throw new ProviderException(node.name() + ": onboarding failed: " + bug.getMessage(), bug);
            }
            op.progress().done(report);
            NodeRecord record = s.state().node(node.name()).orElseThrow();
            Map<String, Object> outputs = outputs(news, record, report.ok() ? NodeState.RUNNING : NodeState.FAILED);
            if (!report.ok() && create && report.changes() == 0 && record.publicKey() == null) {
                // Nothing was done (e.g. the host key did not match): no resource, no address held.
                s.state().remove(node.name());
                throw new ProviderException(report.failure().getMessage(), report.failure());
            }
            if (!report.ok()) {
                throw new PartialFailure(report.failure().getMessage(), new Result(node.name(), outputs), report.failure());
            }
            return new Result(node.name(), outputs);
        });
    }

    static Map<String, Object> outputs(Map<String, Object> inputs, NodeRecord record, String state) {
        Map<String, Object> outputs = new LinkedHashMap<>(inputs);
        outputs.put("address", IpLiterals.format(record.addresses().ipv4()));
        outputs.put("address6", record.addresses().ipv6() == null ? null : IpLiterals.format(record.addresses().ipv6()));
        outputs.put("publicKey", record.publicKey() == null ? null : record.publicKey().base64());
        outputs.put("state", state);
        return outputs;
    }

    @Override
    public Result read(String id, Map<String, Object> state, Operation op) {
        NodeInputs node = inputs(state);
        HubSession session = sessions.session(op.configured(), node.hub());
        NodeState seen = session.shared(s -> NodeState.read(op.configured(), s, node, op.progress()));
        if (seen.gone()) {
            return new Result(null, state);
        }
        Map<String, Object> outputs = new LinkedHashMap<>(state);
        outputs.put("publicKey", seen.publicKey());
        outputs.put("state", seen.state());
        if (seen.address() != null) {
            outputs.put("address", seen.address());
        }
        return new Result(id, outputs);
    }

    @Override
    public void delete(String id, Map<String, Object> olds, Operation op) {
        NodeInputs node = inputs(olds);
        NodeSpec spec = op.configured().nodeSpec(node);
        HubSession session = sessions.session(op.configured(), node.hub());
        Onboarding.Result result = session.exclusive(s -> {
            s.state().setHubPublicKey(node.hubPublicKey());
            OnboardContext context = s.context(List.of(spec));
            return Offboarding.run(context, List.of(node.name()), 1, op.progress());
        });
        if (!result.ok()) {
            TargetReport failed = result.all().stream().filter(r -> !r.ok()).findFirst().orElseThrow();
            throw new ProviderException(failed.failure().getMessage(), failed.failure());
        }
    }

    private static NodeInputs inputs(Map<String, Object> properties) {
        Inputs in = Inputs.of(properties);
        NodeInputs node = NodeInputs.read(in);
        if (node == null) {
            throw new ProviderException("node inputs are not complete: " + in.failures());
        }
        return node;
    }
}
