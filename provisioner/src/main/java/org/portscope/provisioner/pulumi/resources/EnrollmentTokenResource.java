package org.portscope.provisioner.pulumi.resources;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

/** {@code portscope:index:EnrollmentToken}: a zero-touch enrollment token registered on the hub. */
@ResourceType(type = EnrollmentTokenResource.TYPE)
public final class EnrollmentTokenResource extends CustomResource {

    public static final String TYPE = "portscope:index:EnrollmentToken";

    @Export(name = "tokenId", refs = {String.class}, tree = "[0]")
    private Output<String> tokenId;

    @Export(name = "token", refs = {String.class}, tree = "[0]")
    private Output<String> token;

    @Export(name = "expiresAt", refs = {String.class}, tree = "[0]")
    private Output<String> expiresAt;

    public EnrollmentTokenResource(String name, Args args, CustomResourceOptions options) {
        super(TYPE, name, args, CustomResourceOptions.merge(options,
                CustomResourceOptions.builder().additionalSecretOutputs("token").build()));
    }

    public Output<String> tokenId() {
        return tokenId;
    }

    /** {@code pst1.ID.SECRET}, as a secret (whatever the provider marked it). */
    public Output<String> token() {
        return token.asSecret();
    }

    public Output<String> expiresAt() {
        return expiresAt;
    }

    /** The token's inputs. */
    public static final class Args extends ResourceArgs {
        @Import(name = "hub", required = true)
        private Output<HubArgs> hub;

        @Import(name = "name", required = true)
        private Output<String> name;

        @Import(name = "uses", required = true)
        private Output<Integer> uses;

        @Import(name = "ttl", required = true)
        private Output<String> ttl;

        public static Args of(HubArgs hub, String name, int uses, String ttl) {
            Args args = new Args();
            args.hub = Output.of(hub);
            args.name = Output.of(name);
            args.uses = Output.of(uses);
            args.ttl = Output.of(ttl);
            return args;
        }
    }
}
