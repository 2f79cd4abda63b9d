package org.portscope.provisioner.pulumi.components;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.portscope.provisioner.pulumi.resources.PresharedKeyResource;

/**
 * The overlay's shared secrets: one preshared key per node, made by the provider and held only in
 * the stack's state, as secrets. Key pairs are not here: each machine makes its own, and only its
 * public key reaches the state (an output of its Hub or SensorNode). Replacing a node's key
 * resource rotates its preshared key.
 */
public final class OverlayKeys extends ComponentResource {

    public static final String TYPE = "portscope:institution:OverlayKeys";

    private final Map<String, PresharedKeyResource> keys = new LinkedHashMap<>();

    public OverlayKeys(String name, List<String> nodes, ComponentResourceOptions options) {
        super(TYPE, name, options);
        for (String node : nodes) {
            keys.put(node, new PresharedKeyResource(name + "-" + node, node,
                    CustomResourceOptions.builder().parent(this).build()));
        }
        registerOutputs(Map.of("nodes", Output.of(List.copyOf(keys.keySet()))));
    }

    /** The node's preshared key, a secret. */
    public Output<String> presharedKey(String node) {
        PresharedKeyResource key = keys.get(node);
        if (key == null) {
            throw new IllegalArgumentException("no preshared key for node '" + node + "'");
        }
        return key.key();
    }
}
