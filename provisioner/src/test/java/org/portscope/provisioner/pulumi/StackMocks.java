package org.portscope.provisioner.pulumi;

import com.pulumi.test.Mocks;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The portscope provider as the program's tests stand it in: each resource comes back with the
 * outputs the real provider computes (addresses in order, keys per machine, tokens), and every
 * registration is kept for the test to look at.
 */
final class StackMocks implements Mocks {

    final List<ResourceArgs> registered = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        registered.add(args);
        Map<String, Object> state = new HashMap<>(args.inputs);
        switch (args.type) {
            case "portscope:index:Hub" -> {
                state.put("publicKey", key("hub"));
                state.put("address", "10.77.0.1");
                state.put("state", "running");
                // as the provider reads them from the hub on refresh (HubType.enrolledNodes)
                state.put("enrolledNodes", List.of(Map.of("name", "lab-9", "address", "10.77.0.254",
                        "tokenId", "0011223344556601", "enrolledAt", "2030-01-01T00:00:00Z")));
            }
            case "portscope:index:SensorNode" -> {
                state.put("publicKey", key(args.name));
                state.put("address", address(args.name));
                state.put("state", "running");
            }
            case "portscope:index:PresharedKey" -> state.put("key", key("psk-" + args.name));
            case "portscope:index:EnrollmentToken" -> {
                state.put("tokenId", "00112233445566" + String.format("%02x", registered.size()));
                state.put("token", "pst1.token-of-" + args.name);
                state.put("expiresAt", "2030-01-01T00:00:00Z");
            }
            default -> { }
        }
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(args.name + "-id"), state));
    }

    /** A stand-in overlay address, the same for a name whatever order resources register in. */
    static String address(String name) {
        return "10.77.0." + (2 + Math.floorMod(name.hashCode(), 250));
    }

    /** A stand-in WireGuard key: 32 bytes of the name, base64. */
    static String key(String name) {
        byte[] bytes = new byte[32];
        byte[] from = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        System.arraycopy(from, 0, bytes, 0, Math.min(32, from.length));
        return java.util.Base64.getEncoder().encodeToString(bytes);
    }

    List<ResourceArgs> ofType(String type) {
        return registered.stream().filter(r -> r.type.equals(type)).toList();
    }
}
