package org.portscope.provisioner.onboard.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One mapping of the parsed YAML tree with its path ({@code nodes[2].ssh}), so every error names
 * the key it is about: {@code nodes[2].ssh.port: 'x' is not valid; expected a port 1-65535}.
 */
final class YamlSection {

    private final String path;
    private final Map<String, Object> values;

    YamlSection(String path, Map<?, ?> values) {
        this.path = Objects.requireNonNull(path, "path");
        this.values = new LinkedHashMap<>();
        values.forEach((k, v) -> this.values.put(String.valueOf(k), v));
    }

    String path() {
        return path;
    }

    String key(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        return values.get(key) != null;
    }

    /** Refuses keys other than these, so a typo is an error instead of a silent default. */
    void allowOnly(Set<String> allowed) {
        for (String key : values.keySet()) {
            if (!allowed.contains(key)) {
                throw new InventoryException(key(key) + ": unknown key; expected one of "
                        + new TreeSet<>(allowed));
            }
        }
    }

    String string(String key, String expected) {
        Object value = values.get(key);
        if (value == null) {
            throw new InventoryException(key(key) + ": missing; expected " + expected);
        }
        if (value instanceof Map || value instanceof List) {
            throw new InventoryException(key(key) + ": is a " + (value instanceof Map ? "mapping" : "list")
                    + "; expected " + expected);
        }
        return String.valueOf(value).strip();
    }

    String string(String key, String fallback, String expected) {
        return has(key) ? string(key, expected) : fallback;
    }

    /** A value converted by {@code parse}; its IllegalArgumentException becomes an error naming the key. */
    <T> T parsed(String key, String expected, Function<String, T> parse) {
        String text = string(key, expected);
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw bad(key, text, expected + " (" + e.getMessage() + ")");
        }
    }

    int integer(String key, int fallback, int min, int max, String expected) {
        if (!has(key)) {
            return fallback;
        }
        String text = string(key, expected);
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(key, text, expected);
    }

    boolean bool(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        Object value = values.get(key);
        if (value instanceof Boolean b) {
            return b;
        }
        throw bad(key, String.valueOf(value), "true or false");
    }

    YamlSection section(String key) {
        Object value = values.get(key);
        if (value == null) {
            throw new InventoryException(key(key) + ": missing; expected a mapping");
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw bad(key, String.valueOf(value), "a mapping (key: value lines below it)");
        }
        return new YamlSection(key(key), map);
    }

    /** A list of mappings, each with its index in the path ({@code nodes[0]}). */
    List<YamlSection> sections(String key) {
        List<YamlSection> out = new ArrayList<>();
        List<?> items = list(key);
        for (int i = 0; i < items.size(); i++) {
            String itemPath = key(key) + "[" + i + "]";
            if (!(items.get(i) instanceof Map<?, ?> map)) {
                throw new InventoryException(itemPath + ": '" + items.get(i) + "' is not valid; expected a mapping");
            }
            out.add(new YamlSection(itemPath, map));
        }
        return out;
    }

    /** A list of scalars; a single scalar counts as a list of one. Missing: empty. */
    List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        for (Object item : has(key) ? list(key) : List.of()) {
            if (item instanceof Map || item instanceof List) {
                throw bad(key, String.valueOf(item), "a list of plain values");
            }
            out.add(String.valueOf(item).strip());
        }
        return out;
    }

    private List<?> list(String key) {
        Object value = values.get(key);
        if (value == null) {
            throw new InventoryException(key(key) + ": missing; expected a list");
        }
        return value instanceof List<?> list ? list : List.of(value);
    }

    void forEachValue(java.util.function.BiConsumer<String, Object> action) {
        values.forEach(action);
    }

    InventoryException bad(String key, Object value, String expected) {
        String shown = String.valueOf(value).replaceAll("\\p{Cntrl}", "?");
        return new InventoryException(key(key) + ": '" + shown + "' is not valid; expected " + expected);
    }
}
