package org.portscope.provisioner.provider;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code key=value} lines a remote script prints, one a line. */
final class Lines {

    private Lines() {
    }

    static Map<String, String> keyValues(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                out.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return out;
    }
}
