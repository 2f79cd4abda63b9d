package org.portscope.provisioner.pulumi;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The repository's stack files as the Pulumi CLI hands them to the program: each {@code config:}
 * entry as text, structured values as JSON text (what {@code PULUMI_CONFIG} holds).
 */
final class StackFiles {

    static final String ED25519_KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n";
    static final String ANON_KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    private StackFiles() {
    }

    static Path stack(String name) {
        Path repo = Path.of(System.getProperty("portscope.repo", ".."));
        return repo.resolve("stacks").resolve("Pulumi." + name + ".yaml");
    }

    /** The stack file's config, as {@code portscope:key} to text. */
    static Map<String, String> config(String name) throws IOException {
        Map<String, Object> file;
        try (Reader in = Files.newBufferedReader(stack(name))) {
            file = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) file.get("config");
        ObjectMapper json = new ObjectMapper();
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : config.entrySet()) {
            Object value = e.getValue();
            out.put(e.getKey(), value instanceof Map || value instanceof List ? json.writeValueAsString(value) : String.valueOf(value));
        }
        return out;
    }

    /** With the secrets an operator sets by `pulumi config set --secret`. */
    static Map<String, String> withSecrets(Map<String, String> config) {
        Map<String, String> out = new LinkedHashMap<>(config);
        out.put("portscope:sshPrivateKey", ED25519_KEY);
        out.put("portscope:anonymizationKey", ANON_KEY);
        return out;
    }

    static final java.util.Set<String> SECRET_KEYS = java.util.Set.of("portscope:sshPrivateKey", "portscope:anonymizationKey",
            "portscope:sshKeyPassphrase");
}
