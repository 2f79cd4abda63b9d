package org.portscope.provisioner.pulumi;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import org.portscope.provisioner.pulumi.components.Institution;
import org.portscope.provisioner.pulumi.config.ConfigException;
import org.portscope.provisioner.pulumi.config.StackConfig;
import org.portscope.provisioner.pulumi.config.StackConfigReader;

/**
 * The Pulumi program ({@code provisioner/Pulumi.yaml}): {@code pulumi up --stack INSTITUTION}
 * onboards the institution the stack config describes. {@code main} reads and checks the config
 * before anything is declared (a mistake stops the run naming its key); {@link #stack} declares the
 * institution and exports what an operator needs.
 */
public final class App {

    private App() {
    }

    public static void main(String[] args) {
        StackConfig config;
        try {
            config = StackConfigReader.fromEnvironment(System.getenv());
        } catch (ConfigException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
            return;
        }
        Pulumi.run(ctx -> stack(ctx, config));
    }

    /**
     * Stack outputs: {@code hubEndpoint}, {@code hubPublicKey}, {@code nodes} (each node's overlay
     * address, public key and state), {@code enrollmentTokens} (secret) and {@code enrolledNodes}
     * (the nodes that enrolled themselves, as the hub recorded them at the last refresh).
     */
    public static void stack(Context ctx, StackConfig config) {
        Institution institution = new Institution(config, null);
        ctx.export("hubEndpoint", institution.hub().endpoint());
        ctx.export("hubPublicKey", institution.hub().publicKey());
        ctx.export("nodes", institution.nodeSummary());
        ctx.export("enrollmentTokens", institution.enrollmentTokens());
        ctx.export("enrolledNodes", institution.hub().enrolledNodes());
    }
}
