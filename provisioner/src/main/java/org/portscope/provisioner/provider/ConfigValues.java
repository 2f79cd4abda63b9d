package org.portscope.provisioner.provider;

import com.google.protobuf.Struct;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The provider's config as the engine hands it over: a Struct of the provider resource's inputs
 * (CheckConfig, DiffConfig, Configure's {@code args}) or, from older engines, string variables
 * named {@code portscope:config:KEY}. The key and its passphrase are treated as secrets whichever
 * way they came.
 */
final class ConfigValues {

    static final Set<String> KEYS = Set.of("sshPrivateKey", "sshKeyPassphrase", "bundle", "hubJar", "verifyTimeoutSeconds");
    private static final Set<String> SECRETS = Set.of("sshPrivateKey", "sshKeyPassphrase");

    private ConfigValues() {
    }

    static Map<String, Object> fromStruct(Struct struct) {
        return secretsWrapped(PropertyValues.decode(struct));
    }

    static Map<String, Object> fromVariables(Map<String, String> variables) {
        Map<String, Object> values = new LinkedHashMap<>();
        variables.forEach((name, value) -> {
            String key = name.substring(name.lastIndexOf(':') + 1);
            if (name.startsWith("portscope:")) {
                values.put(key, value);
            }
        });
        return secretsWrapped(values);
    }

    private static Map<String, Object> secretsWrapped(Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>(values);
        for (String key : SECRETS) {
            Object value = out.get(key);
            if (value != null && !(value instanceof PropertyValues.Secret)) {
                out.put(key, new PropertyValues.Secret(value));
            }
        }
        return out;
    }
}
