package org.portscope.provisioner.pulumi.components;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import java.util.Map;
import org.portscope.provisioner.pulumi.config.StackConfig;
import org.portscope.provisioner.pulumi.resources.HubArgs;
import org.portscope.provisioner.pulumi.resources.HubResource;

/**
 * The institution's hub: the centre of its WireGuard overlay. Nodes and tokens name it through
 * {@link #reference()}, which carries the hub's public key and so orders them after it.
 */
public final class Hub extends ComponentResource {

    public static final String TYPE = "portscope:institution:Hub";

    private final HubArgs args;
    private final HubResource machine;

    public Hub(String name, StackConfig config, ComponentResourceOptions options) {
        super(TYPE, name, options);
        this.args = HubArgs.of(config);
        this.machine = new HubResource(name, args, CustomResourceOptions.builder().parent(this).build());
        registerOutputs(Map.of("endpoint", machine.endpoint(), "publicKey", machine.publicKey(),
                "address", machine.address()));
    }

    /** The hub as nodes and tokens name it. */
    public HubArgs reference() {
        return args.withPublicKey(machine.publicKey());
    }

    public Output<String> endpoint() {
        return machine.endpoint();
    }

    public Output<String> publicKey() {
        return machine.publicKey();
    }

    /** The nodes that enrolled themselves with a token, as of the last {@code pulumi refresh}. */
    public Output<java.util.List<java.util.Map<String, String>>> enrolledNodes() {
        return machine.enrolledNodes();
    }

    public Output<String> address() {
        return machine.address();
    }
}
