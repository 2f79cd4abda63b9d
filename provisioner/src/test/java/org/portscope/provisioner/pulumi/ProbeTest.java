package org.portscope.provisioner.pulumi;

import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestResult;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.portscope.provisioner.pulumi.config.StackConfig;
import org.portscope.provisioner.pulumi.config.StackConfigReader;

class ProbeTest {
    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    @Test
    void probe() throws Exception {
        StackConfig config = StackConfigReader.read("portscope", StackFiles.withSecrets(StackFiles.config("example-university")), StackFiles.SECRET_KEYS);
        TestResult result = PulumiTest.withMocks(new Mocks() {
            @Override
            public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
                System.out.println("RES " + args.type + " " + args.name + " provider=" + args.provider + " inputs=" + args.inputs);
                java.util.Map<String, Object> state = new java.util.HashMap<>(args.inputs);
                state.put("publicKey", "PK-" + args.name);
                state.put("address", "10.77.0.9");
                state.put("endpoint", "x:1");
                state.put("state", "running");
                state.put("key", "psk");
                state.put("token", "tok");
                return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(args.name + "-id"), state));
            }
        }).runTest(ctx -> App.stack(ctx, config));
        System.out.println("ERR " + result.errors() + result.exceptions());
        result.outputs().forEach((k, v) -> System.out.println("OUT " + k + " = " + PulumiTest.extractValue(v)));
    }
}
