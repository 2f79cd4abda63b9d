package org.portscope.provisioner.provider;

import com.google.protobuf.Struct;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builders for property maps (mutable, in order) and the wire's Struct. */
final class Props {

    private Props() {
    }

    static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    static Struct struct(Map<String, Object> map) {
        return PropertyValues.encode(map);
    }
}
