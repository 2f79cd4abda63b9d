package org.portscope.provisioner.pulumi.resources;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

/** {@code portscope:index:PresharedKey}: a node's tunnel secret, made by the provider, kept as a secret. */
@ResourceType(type = PresharedKeyResource.TYPE)
public final class PresharedKeyResource extends CustomResource {

    public static final String TYPE = "portscope:index:PresharedKey";

    @Export(name = "key", refs = {String.class}, tree = "[0]")
    private Output<String> key;

    public PresharedKeyResource(String name, String node, CustomResourceOptions options) {
        super(TYPE, name, Args.of(node), CustomResourceOptions.merge(options,
                CustomResourceOptions.builder().additionalSecretOutputs("key").build()));
    }

    /** The key, base64, as a secret (whatever the provider marked it). */
    public Output<String> key() {
        return key.asSecret();
    }

    static final class Args extends ResourceArgs {
        @Import(name = "node", required = true)
        private Output<String> node;

        static Args of(String node) {
            Args args = new Args();
            args.node = Output.of(node);
            return args;
        }
    }
}
