package org.portscope.provisioner.pulumi.resources;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ProviderResource;
import com.pulumi.resources.ResourceArgs;
import org.portscope.provisioner.pulumi.config.StackConfig;

/**
 * The stack's instance of the {@code portscope} provider ({@code pulumi:providers:portscope}),
 * configured with the SSH key it logs in with (a secret), the sensor bundle and the hub's jar. Every portscope
 * resource of the institution uses it.
 */
public final class PortscopeProvider extends ProviderResource {

    public static final String PACKAGE = "portscope";

    public PortscopeProvider(String name, StackConfig config, CustomResourceOptions options) {
        super(PACKAGE, name, Args.of(config), options);
    }

    /** The provider's config, as the engine's CheckConfig and Configure receive it. */
    public static final class Args extends ResourceArgs {
        @Import(name = "sshPrivateKey", required = true)
        private Output<String> sshPrivateKey;

        @Import(name = "sshKeyPassphrase")
        private Output<String> sshKeyPassphrase;

        @Import(name = "bundle")
        private Output<String> bundle;

        @Import(name = "hubJar")
        private Output<String> hubJar;

        /** The key the provider logs in with, a secret. */
        public Output<String> sshPrivateKey() {
            return sshPrivateKey;
        }

        static Args of(StackConfig config) {
            Args args = new Args();
            args.sshPrivateKey = Output.ofSecret(config.sshPrivateKey());
            args.sshKeyPassphrase = config.sshKeyPassphrase() == null ? null : Output.ofSecret(config.sshKeyPassphrase());
            args.bundle = config.bundle() == null ? null : Output.of(config.bundle());
            args.hubJar = config.hubJar() == null ? null : Output.of(config.hubJar());
            return args;
        }
    }
}
