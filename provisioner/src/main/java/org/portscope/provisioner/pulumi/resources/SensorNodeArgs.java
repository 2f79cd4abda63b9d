package org.portscope.provisioner.pulumi.resources;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import java.util.List;
import org.portscope.provisioner.pulumi.config.StackConfig;

/** The inputs of {@code portscope:index:SensorNode}. */
public final class SensorNodeArgs extends ResourceArgs {

    @Import(name = "name", required = true)
    private Output<String> name;

    @Import(name = "ssh", required = true)
    private Output<SshArgs> ssh;

    @Import(name = "ports", required = true)
    private Output<List<String>> ports;

    @Import(name = "sensor", required = true)
    private Output<SensorArgs> sensor;

    @Import(name = "hub", required = true)
    private Output<HubArgs> hub;

    @Import(name = "presharedKey", required = true)
    private Output<String> presharedKey;

    @Import(name = "anonymizationKey", required = true)
    private Output<String> anonymizationKey;

    @Import(name = "anonymizationKeyId", required = true)
    private Output<String> anonymizationKeyId;

    private SensorNodeArgs() {
    }

    /** The node's tunnel secret, as handed to the provider. */
    public Output<String> presharedKey() {
        return presharedKey;
    }

    /** The institution's Crypto-PAn key, as handed to the provider. */
    public Output<String> anonymizationKey() {
        return anonymizationKey;
    }

    /**
     * @param hub the hub with its public key
     * @param presharedKey the node's preshared key (a secret output)
     * @param anonymizationKey the institution's Crypto-PAn key (a secret)
     * @param anonymizationKeyId the id observations anonymized with it carry
     */
    public static SensorNodeArgs of(StackConfig.Node node, HubArgs hub, Output<String> presharedKey,
            Output<String> anonymizationKey, String anonymizationKeyId) {
        SensorNodeArgs args = new SensorNodeArgs();
        args.name = Output.of(node.name());
        args.ssh = Output.of(SshArgs.of(node.ssh()));
        args.ports = Output.of(node.ports());
        args.sensor = Output.of(SensorArgs.of(node.sensor()));
        args.hub = Output.of(hub);
        args.presharedKey = presharedKey;
        args.anonymizationKey = anonymizationKey;
        args.anonymizationKeyId = Output.of(anonymizationKeyId);
        return args;
    }
}
