package org.portscope.provisioner.provider;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which input properties differ between a resource's state and its new inputs, as dotted paths
 * ({@code ssh.host}, {@code ports}); secrets compare by value, lists as a whole. A value not known
 * yet (preview) counts as changed.
 */
final class Changes {

    private Changes() {
    }

    /** Paths that differ, among the keys of {@code news} and those of {@code olds} listed in {@code inputs}. */
    static List<String> between(Map<String, Object> olds, Map<String, Object> news, Set<String> inputs) {
        Set<String> keys = new TreeSet<>(news.keySet());
        for (String key : olds.keySet()) {
            if (inputs.contains(key)) {
                keys.add(key);
            }
        }
        List<String> out = new ArrayList<>();
        for (String key : keys) {
            collect(key, olds.get(key), news.get(key), out);
        }
        return out;
    }

    private static void collect(String path, Object old, Object now, List<String> out) {
        if (PropertyValues.hasUnknown(now)) {
            out.add(path);
            return;
        }
        Object a = PropertyValues.reveal(old);
        Object b = PropertyValues.reveal(now);
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            Set<Object> keys = new HashSet<>(ma.keySet());
            keys.addAll(mb.keySet());
            keys.stream().map(String::valueOf).sorted().forEach(k -> collect(path + "." + k, ma.get(k), mb.get(k), out));
            return;
        }
        if (!same(a, b)) {
            out.add(path);
        }
    }

    /** Numbers compare by value (the wire has only doubles). */
    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return Objects.equals(a, b);
    }

    /** Whether a changed path is, or lies under, one of these. */
    static boolean under(String path, Set<String> prefixes) {
        for (String prefix : prefixes) {
            if (path.equals(prefix) || path.startsWith(prefix + ".")) {
                return true;
            }
        }
        return false;
    }
}
