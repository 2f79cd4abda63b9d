package org.portscope.provisioner.pulumi.resources;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import java.util.LinkedHashMap;
import java.util.Map;
import org.portscope.provisioner.pulumi.config.StackConfig;

/**
 * The inputs of {@code portscope:index:Hub}, and the {@code hub} input of nodes and tokens (the
 * same properties plus the hub's {@code publicKey}, an output of the Hub resource, which makes
 * every node depend on its hub).
 */
public final class HubArgs extends ResourceArgs {

    @Import(name = "institution", required = true)
    private Output<String> institution;

    @Import(name = "overlay", required = true)
    private Output<Map<String, String>> overlay;

    @Import(name = "interface", required = true)
    private Output<String> interfaceName;

    @Import(name = "ssh", required = true)
    private Output<SshArgs> ssh;

    @Import(name = "endpoint", required = true)
    private Output<String> endpoint;

    @Import(name = "listenPort", required = true)
    private Output<Integer> listenPort;

    /** The enrollment API's port; absent: none. */
    @Import(name = "enrollmentPort")
    private Output<Integer> enrollmentPort;

    /**
     * The institution's Crypto-PAn key id, which the hub's enrollment API tells enrolled nodes to
     * anonymize under. The Hub resource's only: nodes carry their own, and a new id must not
     * touch every node and token.
     */
    @Import(name = "anonymizationKeyId")
    private Output<String> anonymizationKeyId;

    /** The hub's key; null (not sent) for the Hub resource itself. */
    @Import(name = "publicKey")
    private Output<String> publicKey;

    private HubArgs() {
    }

    public static HubArgs of(StackConfig config) {
        HubArgs args = new HubArgs();
        args.institution = Output.of(config.institution());
        Map<String, String> overlay = new LinkedHashMap<>();
        overlay.put("ipv4", config.overlay().ipv4());
        if (config.overlay().ipv6() != null) {
            overlay.put("ipv6", config.overlay().ipv6());
        }
        args.overlay = Output.of(overlay);
        args.interfaceName = Output.of(config.overlay().interfaceName());
        args.ssh = Output.of(SshArgs.of(config.hub().ssh()));
        args.endpoint = Output.of(config.hub().endpoint());
        args.listenPort = Output.of(config.hub().listenPort());
        if (config.hub().enrollmentPort() > 0) {
            args.enrollmentPort = Output.of(config.hub().enrollmentPort());
        }
        args.anonymizationKeyId = Output.of(config.anonymizationKeyId());
        return args;
    }

    /** The same hub, as nodes and tokens name it: with the hub's public key, without the key id. */
    public HubArgs withPublicKey(Output<String> key) {
        HubArgs args = new HubArgs();
        args.institution = institution;
        args.overlay = overlay;
        args.interfaceName = interfaceName;
        args.ssh = ssh;
        args.endpoint = endpoint;
        args.listenPort = listenPort;
        args.enrollmentPort = enrollmentPort;
        args.publicKey = key;
        return args;
    }
}
