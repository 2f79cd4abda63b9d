package org.portscope.provisioner.pulumi.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One object of structured stack config with its key ({@code portscope:nodes[1].ssh}), collecting
 * problems that name the key instead of stopping at the first. Readers return null (or the
 * fallback) for a value that is wrong, after noting why.
 */
final class JsonSection {

    private final String path;
    private final JsonNode node;
    private final List<String> problems;
    /** A section that is missing or wrong itself: that is reported once, not each key below it. */
    private final boolean quiet;

    JsonSection(String path, JsonNode node, List<String> problems) {
        this(path, node, problems, false);
    }

    private JsonSection(String path, JsonNode node, List<String> problems, boolean quiet) {
        this.path = path;
        this.node = node == null ? MissingNode.getInstance() : node;
        this.problems = problems;
        this.quiet = quiet;
    }

    /** The key's full name: {@code portscope:hub} at the top, {@code portscope:hub.ssh} below. */
    String key(String key) {
        return path.endsWith(":") ? path + key : path + "." + key;
    }

    boolean has(String key) {
        JsonNode value = node.get(key);
        return value != null && !value.isNull();
    }

    void problem(String key, String what) {
        if (!quiet) {
            problems.add(key(key) + ": " + what);
        }
    }

    void bad(String key, Object value, String expected) {
        problem(key, "'" + String.valueOf(value).replaceAll("\\p{Cntrl}", "?") + "' is not valid; expected " + expected);
    }

    /** Refuses keys other than these, so a typo is an error instead of a silent default. */
    void allowOnly(Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                problem(name, "unknown key; expected one of " + new TreeSet<>(allowed));
            }
        }
    }

    String string(String key, String fallback, String expected) {
        if (!has(key)) {
            if (fallback == null) {
                problem(key, "missing; expected " + expected);
            }
            return fallback;
        }
        JsonNode value = node.get(key);
        if (!value.isValueNode()) {
            problem(key, "is " + (value.isArray() ? "a list" : "an object") + "; expected " + expected);
            return null;
        }
        return value.asText().strip();
    }

    <T> T parsed(String key, String fallback, String expected, Function<String, T> parse) {
        String text = string(key, fallback, expected);
        if (text == null) {
            return null;
        }
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            bad(key, text, expected + " (" + e.getMessage() + ")");
            return null;
        }
    }

    int integer(String key, int fallback, int min, int max, String expected) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode value = node.get(key);
        String text = value.asText().strip();
        if ((value.isIntegralNumber() || text.matches("-?\\d{1,10}")) && Long.parseLong(text) >= min && Long.parseLong(text) <= max) {
            return Integer.parseInt(text);
        }
        bad(key, text, expected);
        return fallback;
    }

    boolean bool(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode value = node.get(key);
        if (value.isBoolean() || value.asText().equals("true") || value.asText().equals("false")) {
            return value.asText().equals("true");
        }
        bad(key, value.asText(), "true or false");
        return fallback;
    }

    JsonSection section(String key, boolean required) {
        if (!has(key)) {
            if (required) {
                problem(key, "missing; expected an object");
            }
            return new JsonSection(key(key), null, problems, quiet || required);
        }
        JsonNode value = node.get(key);
        if (!value.isObject()) {
            bad(key, value.isValueNode() ? value.asText() : value.toString(), "an object (keys below it)");
            return new JsonSection(key(key), null, problems, true);
        }
        return new JsonSection(key(key), value, problems, quiet);
    }

    /** A list of objects, each with its index in the key ({@code nodes[0]}); missing: empty. */
    List<JsonSection> sections(String key) {
        List<JsonSection> out = new ArrayList<>();
        if (!has(key)) {
            return out;
        }
        JsonNode value = node.get(key);
        if (!value.isArray()) {
            bad(key, value.toString(), "a list");
            return out;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isObject()) {
                if (!quiet) {
                    problems.add(key(key) + "[" + i + "]: '" + item + "' is not valid; expected an object");
                }
            } else {
                out.add(new JsonSection(key(key) + "[" + i + "]", item, problems, quiet));
            }
        }
        return out;
    }

    /** A list of plain values; a single value counts as a list of one; missing: the fallback. */
    List<String> strings(String key, List<String> fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode value = node.get(key);
        List<String> out = new ArrayList<>();
        for (JsonNode item : value.isArray() ? value : List.of(value)) {
            if (!item.isValueNode()) {
                bad(key, item.toString(), "a list of plain values");
                return fallback;
            }
            out.add(item.asText().strip());
        }
        return out;
    }
}
