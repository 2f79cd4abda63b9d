package org.portscope.provisioner.pulumi.components;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.portscope.provisioner.pulumi.config.StackConfig;
import org.portscope.provisioner.pulumi.resources.PortscopeProvider;

/**
 * An institution in the telescope: its own portscope provider (logging in with the institution's
 * SSH key), its hub, the overlay's key material, its nodes and its enrollment tokens.
 */
public final class Institution extends ComponentResource {

    public static final String TYPE = "portscope:institution:Institution";

    private final Hub hub;
    private final Map<String, SensorNode> nodes = new LinkedHashMap<>();
    private final EnrollmentTokens enrollment;

    public Institution(StackConfig config, ComponentResourceOptions options) {
        super(TYPE, config.institution(), options);
        String name = config.institution();
        PortscopeProvider provider = new PortscopeProvider(name, config, CustomResourceOptions.builder().parent(this).build());
        ComponentResourceOptions children = ComponentResourceOptions.builder().parent(this).providers(provider).build();
        this.hub = new Hub(name + "-hub", config, children);
        List<String> names = new ArrayList<>();
        config.nodes().forEach(n -> names.add(n.name()));
        OverlayKeys keys = new OverlayKeys(name + "-keys", names, children);
        Output<String> anonymizationKey = Output.ofSecret(config.anonymizationKey());
        for (StackConfig.Node node : config.nodes()) {
            nodes.put(node.name(), new SensorNode(node, hub, keys.presharedKey(node.name()), anonymizationKey,
                    config.anonymizationKeyId(), children));
        }
        this.enrollment = new EnrollmentTokens(name + "-token", config.enrollment(), hub, children);
        registerOutputs(Map.of("hubEndpoint", hub.endpoint(), "nodes", nodeSummary(), "enrollmentTokens", enrollment.tokens()));
    }

    public Hub hub() {
        return hub;
    }

    /** Node name to its overlay address, public key and state. */
    public Output<Map<String, Map<String, String>>> nodeSummary() {
        List<Output<Map.Entry<String, Map<String, String>>>> entries = new ArrayList<>();
        nodes.forEach((name, node) -> entries.add(Output.tuple(node.address(), node.publicKey(), node.state())
                .applyValue(t -> Map.entry(name, summary(t.t1, t.t2, t.t3)))));
        return Output.all(entries).applyValue(list -> {
            Map<String, Map<String, String>> out = new LinkedHashMap<>();
            list.forEach(e -> out.put(e.getKey(), e.getValue()));
            return out;
        });
    }

    private static Map<String, String> summary(String address, String publicKey, String state) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("address", address);
        out.put("publicKey", publicKey);
        out.put("state", state);
        return out;
    }

    public Output<List<String>> enrollmentTokens() {
        return enrollment.tokens();
    }
}
