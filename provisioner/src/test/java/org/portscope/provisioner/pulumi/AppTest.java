package org.portscope.provisioner.pulumi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.core.Output;
import com.pulumi.core.internal.Internal;
import com.pulumi.resources.Resource;
import com.pulumi.resources.ResourceTransformation;
import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.portscope.provisioner.pulumi.config.StackConfig;
import org.portscope.provisioner.pulumi.config.StackConfigReader;
import org.portscope.provisioner.pulumi.resources.EnrollmentTokenResource;
import org.portscope.provisioner.pulumi.resources.PortscopeProvider;
import org.portscope.provisioner.pulumi.resources.PresharedKeyResource;
import org.portscope.provisioner.pulumi.resources.SensorNodeArgs;
import org.portscope.provisioner.pulumi.resources.SensorNodeResource;

/**
 * The program against the SDK's mocks, on the repository's own stack files: the resource graph an
 * institution gets, what the stack exports, and which values stay secret on their way to the
 * provider. (The deployment is one static instance: these tests never run in parallel.)
 */
@Execution(ExecutionMode.SAME_THREAD)
class AppTest {

    private final StackMocks mocks = new StackMocks();
    private final List<ResourceTransformation.Args> declared = new ArrayList<>();

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    private TestResult run(String stack) throws Exception {
        return run(stack, StackFiles.withSecrets(stack.equals("demo")
                ? DemoStack.pinned(StackFiles.config(stack)) : StackFiles.config(stack)));
    }

    private TestResult run(String stack, Map<String, String> settings) throws Exception {
        StackConfig config = StackConfigReader.read("portscope", settings, StackFiles.SECRET_KEYS);
        TestOptions options = TestOptions.builder().projectName("portscope").stackName(stack)
                .resourceTransformations(List.of(args -> {
                    declared.add(args);
                    return Optional.empty();
                })).build();
        return PulumiTest.withMocks((Mocks) mocks).withOptions(options).runTest(ctx -> App.stack(ctx, config)).throwOnError();
    }

    @Test
    void theExampleUniversityIsAHubThreeNodesTheirKeysAndTwoTokens() throws Exception {
        run("example-university");
        assertEquals(1, mocks.ofType("pulumi:providers:portscope").size());
        assertEquals(1, mocks.ofType("portscope:index:Hub").size());
        // Resources register concurrently: compare names, not order.
        assertEquals(java.util.Set.of("library-fw", "physics-gw", "dorm-nat"), names("portscope:index:SensorNode"));
        assertEquals(3, mocks.ofType("portscope:index:PresharedKey").size());
        assertEquals(2, mocks.ofType("portscope:index:EnrollmentToken").size());
        for (String component : List.of("Institution", "Hub", "OverlayKeys", "SensorNode", "EnrollmentTokens")) {
            assertFalse(mocks.ofType("portscope:institution:" + component).isEmpty(), component);
        }
        // Every portscope resource goes through the institution's own provider instance.
        for (Mocks.ResourceArgs resource : mocks.registered) {
            if (resource.type.startsWith("portscope:index:")) {
                assertTrue(resource.provider.contains("pulumi:providers:portscope::example-university"), resource.type + " " + resource.provider);
            }
        }
    }

    @Test
    void nodesNameTheirHubWithItsPublicKeyAndTheirSettings() throws Exception {
        run("example-university");
        Mocks.ResourceArgs node = mocks.ofType("portscope:index:SensorNode").stream().filter(r -> r.name.equals("library-fw"))
                .findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> hub = (Map<String, Object>) node.inputs.get("hub");
        assertEquals(StackMocks.key("hub"), hub.get("publicKey"));
        assertEquals("hub.example.edu:51820", hub.get("endpoint"));
        assertEquals(8443, ((Number) hub.get("enrollmentPort")).intValue(), "the hub runs the enrollment API");
        Map<String, Object> hubItself = mocks.ofType("portscope:index:Hub").get(0).inputs;
        assertEquals(8443, ((Number) hubItself.get("enrollmentPort")).intValue());
        assertEquals(List.of("20-30", "8080"), node.inputs.get("ports"));
        @SuppressWarnings("unchecked")
        Map<String, Object> ssh = (Map<String, Object>) node.inputs.get("ssh");
        assertEquals("portscope-admin", ssh.get("user"));
        assertEquals(true, ssh.get("sudo"));
        assertEquals(StackMocks.key("psk-example-university-keys-library-fw"), node.inputs.get("presharedKey"));
        assertEquals(StackFiles.ANON_KEY, node.inputs.get("anonymizationKey"));
        assertEquals("example-university", node.inputs.get("anonymizationKeyId"));
    }

    @Test
    void theHubTellsEnrolledNodesTheStacksKeyIdSoThatTheyAnonymizeToo() throws Exception {
        run("example-university");
        assertEquals("example-university", mocks.ofType("portscope:index:Hub").get(0).inputs.get("anonymizationKeyId"),
                "by default the key id is the institution's name, as the nodes' is");
        PulumiTest.cleanup();
        mocks.registered.clear();
        Map<String, String> settings = StackFiles.withSecrets(StackFiles.config("example-university"));
        settings.put("portscope:anonymizationKeyId", "example-university-2027");
        run("example-university", settings);
        assertEquals("example-university-2027", mocks.ofType("portscope:index:Hub").get(0).inputs.get("anonymizationKeyId"));
        for (Mocks.ResourceArgs node : mocks.ofType("portscope:index:SensorNode")) {
            assertEquals("example-university-2027", node.inputs.get("anonymizationKeyId"), node.name);
            @SuppressWarnings("unchecked")
            Map<String, Object> hub = (Map<String, Object>) node.inputs.get("hub");
            // Nodes carry their own id: a new one must not make every node and token differ in its hub.
            assertFalse(hub.containsKey("anonymizationKeyId"), hub.toString());
        }
        for (Mocks.ResourceArgs token : mocks.ofType("portscope:index:EnrollmentToken")) {
            assertFalse(((Map<?, ?>) token.inputs.get("hub")).containsKey("anonymizationKeyId"), token.name);
        }
    }

    @Test
    void theStackExportsTheHubEndpointEachNodeAndTheTokens() throws Exception {
        TestResult result = run("example-university");
        assertEquals("hub.example.edu:51820", value(result.output("hubEndpoint")));
        assertEquals(StackMocks.key("hub"), value(result.output("hubPublicKey")));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, String>> nodes = (Map<String, Map<String, String>>) value(result.output("nodes"));
        assertEquals(List.of("library-fw", "physics-gw", "dorm-nat"), List.copyOf(nodes.keySet()));
        assertEquals(Map.of("address", StackMocks.address("library-fw"), "publicKey", StackMocks.key("library-fw"), "state", "running"),
                nodes.get("library-fw"));
        assertEquals(List.of("pst1.token-of-example-university-token-1", "pst1.token-of-example-university-token-2"),
                value(result.output("enrollmentTokens")));
        assertEquals(List.of(Map.of("name", "lab-9", "address", "10.77.0.254", "tokenId", "0011223344556601",
                "enrolledAt", "2030-01-01T00:00:00Z")), value(result.output("enrolledNodes")));
    }

    @Test
    void secretsStaySecretFromConfigToProviderAndOutputs() throws Exception {
        TestResult result = run("example-university");
        assertTrue(secret(result.output("enrollmentTokens")), "the tokens output is not secret");
        assertFalse(secret(result.output("hubEndpoint")));
        for (ResourceTransformation.Args args : declared) {
            if (args.args() instanceof SensorNodeArgs node) {
                assertTrue(secret(node.presharedKey()), "a node's preshared key input is not secret");
                assertTrue(secret(node.anonymizationKey()), "the anonymization key input is not secret");
            }
            if (args.args() instanceof PortscopeProvider.Args provider) {
                assertTrue(secret(provider.sshPrivateKey()), "the SSH private key is not secret");
            }
        }
        assertEquals(3, declared.stream().filter(a -> a.args() instanceof SensorNodeArgs).count());
        for (Resource resource : result.resources()) {
            if (resource instanceof PresharedKeyResource key) {
                assertTrue(secret(key.key()), "a preshared key output is not secret");
            }
            if (resource instanceof EnrollmentTokenResource token) {
                assertTrue(secret(token.token()), "a token output is not secret");
            }
            if (resource instanceof SensorNodeResource node) {
                assertFalse(secret(node.publicKey()), "public keys are not secrets");
            }
        }
    }

    @Test
    void theDemoStackIsTheTestbedsInstitution() throws Exception {
        TestResult result = run("demo");
        assertEquals(java.util.Set.of("node1", "node2", "node3"), names("portscope:index:SensorNode"));
        assertEquals(1, mocks.ofType("portscope:index:EnrollmentToken").size());
        assertEquals("198.18.0.1:51820", value(result.output("hubEndpoint")));
    }

    private java.util.Set<String> names(String type) {
        return mocks.ofType(type).stream().map(r -> r.name).collect(java.util.stream.Collectors.toSet());
    }

    private static Object value(Output<?> output) {
        return PulumiTest.extractValue(output);
    }

    private static boolean secret(Output<?> output) {
        return Internal.of(output).isSecret().join();
    }
}
