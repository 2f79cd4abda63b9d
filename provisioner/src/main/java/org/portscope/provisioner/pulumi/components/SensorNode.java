package org.portscope.provisioner.pulumi.components;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import java.util.Map;
import org.portscope.provisioner.pulumi.config.StackConfig;
import org.portscope.provisioner.pulumi.resources.SensorNodeArgs;
import org.portscope.provisioner.pulumi.resources.SensorNodeResource;

/** One telescope node of the institution, onboarded into the overlay by the provider. */
public final class SensorNode extends ComponentResource {

    public static final String TYPE = "portscope:institution:SensorNode";

    private final SensorNodeResource node;

    /**
     * @param presharedKey the node's key from {@link OverlayKeys} (secret)
     * @param anonymizationKey the institution's Crypto-PAn key (secret)
     * @param anonymizationKeyId the id observations anonymized with it carry
     */
    public SensorNode(StackConfig.Node config, Hub hub, Output<String> presharedKey, Output<String> anonymizationKey,
            String anonymizationKeyId, ComponentResourceOptions options) {
        super(TYPE, config.name(), options);
        this.node = new SensorNodeResource(config.name(),
                SensorNodeArgs.of(config, hub.reference(), presharedKey, anonymizationKey, anonymizationKeyId),
                CustomResourceOptions.builder().parent(this).build());
        registerOutputs(Map.of("address", node.address(), "publicKey", node.publicKey(), "state", node.state()));
    }

    public Output<String> address() {
        return node.address();
    }

    public Output<String> publicKey() {
        return node.publicKey();
    }

    public Output<String> state() {
        return node.state();
    }
}
