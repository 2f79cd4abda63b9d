package org.portscope.provisioner.pulumi;

import java.util.LinkedHashMap;
import java.util.Map;

/** The demo stack with host keys pinned, as the demo does at run time. */
final class DemoStack {

    static final String HOST_KEY = "SHA256:IihN4HajHeUAw6I/dIZoSpRujeQZMziuIzFLi949oy8";

    private DemoStack() {
    }

    static Map<String, String> pinned(Map<String, String> config) {
        Map<String, String> out = new LinkedHashMap<>(config);
        out.put("portscope:hub", config.get("portscope:hub").replace("\"host\":\"198.18.0.1\"",
                "\"host\":\"198.18.0.1\",\"hostKey\":\"" + HOST_KEY + "\""));
        out.put("portscope:nodes", config.get("portscope:nodes").replaceAll("(\"host\":\"198\\.18\\.0\\.[0-9]+\")",
                "$1,\"hostKey\":\"" + HOST_KEY + "\""));
        return out;
    }
}
