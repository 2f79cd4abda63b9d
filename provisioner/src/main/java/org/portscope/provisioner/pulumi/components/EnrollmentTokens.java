package org.portscope.provisioner.pulumi.components;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.portscope.provisioner.pulumi.config.StackConfig;
import org.portscope.provisioner.pulumi.resources.EnrollmentTokenResource;

/**
 * Tokens for zero-touch enrollment: {@code tokens} of them, each good for {@code uses} nodes
 * within {@code ttl}, registered on the hub (which keeps only their hash). The tokens themselves
 * are secrets of the stack.
 */
public final class EnrollmentTokens extends ComponentResource {

    public static final String TYPE = "portscope:institution:EnrollmentTokens";

    private final List<EnrollmentTokenResource> tokens = new ArrayList<>();

    public EnrollmentTokens(String name, StackConfig.Enrollment config, Hub hub, ComponentResourceOptions options) {
        super(TYPE, name, options);
        for (int i = 1; i <= config.tokens(); i++) {
            String label = name + "-" + i;
            tokens.add(new EnrollmentTokenResource(label,
                    EnrollmentTokenResource.Args.of(hub.reference(), label, config.uses(), config.ttl()),
                    CustomResourceOptions.builder().parent(this).build()));
        }
        registerOutputs(Map.of("tokens", tokens()));
    }

    /** The tokens, in order, as one secret list. */
    public Output<List<String>> tokens() {
        return Output.all(tokens.stream().map(EnrollmentTokenResource::token).toList()).asSecret();
    }
}
