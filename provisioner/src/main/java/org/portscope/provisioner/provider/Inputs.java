package org.portscope.provisioner.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reads one object of resource inputs and collects what is wrong with it as check failures that
 * name the property ({@code ssh.port: '0' is not valid; expected a port 1-65535}), instead of
 * stopping at the first. A value not known yet (preview) is no failure: its reader returns null and
 * {@link #complete()} turns false. Secret inputs are read through their wrapper; values are never
 * part of a failure when they are secret.
 */
final class Inputs {

    /** One problem with one property. */
    record Failure(String property, String reason) {
        Failure {
            Objects.requireNonNull(property, "property");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String toString() {
            return property + ": " + reason;
        }
    }

    private final String path;
    private final Map<String, Object> values;
    private final List<Failure> failures;
    private final boolean[] unknown;
    /** A section that is missing or wrong itself: that is one failure, not one per key below it. */
    private final boolean quiet;

    private Inputs(String path, Map<String, Object> values, List<Failure> failures, boolean[] unknown, boolean quiet) {
        this.path = path;
        this.values = values;
        this.failures = failures;
        this.unknown = unknown;
        this.quiet = quiet;
    }

    static Inputs of(Map<String, Object> values) {
        return new Inputs("", values, new ArrayList<>(), new boolean[1], false);
    }

    List<Failure> failures() {
        return List.copyOf(failures);
    }

    /** No failure and no value left unknown: the inputs can be acted on. */
    boolean complete() {
        return failures.isEmpty() && !unknown[0];
    }

    String key(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        return values.get(key) != null;
    }

    void fail(String key, String reason) {
        if (!quiet) {
            failures.add(new Failure(key(key), reason));
        }
    }

    /** The raw value, secret unwrapped; null when missing or not known yet (unknowns inside it are its readers'). */
    private Object value(String key) {
        Object value = values.get(key);
        if (value instanceof PropertyValues.Secret secret) {
            value = secret.value();
        }
        if (value == PropertyValues.UNKNOWN) {
            unknown[0] = true;
            return null;
        }
        return value;
    }

    String string(String key, String expected) {
        if (values.get(key) == null) {
            fail(key, "missing; expected " + expected);
            return null;
        }
        Object value = value(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Map || value instanceof List) {
            fail(key, "is " + (value instanceof Map ? "an object" : "a list") + "; expected " + expected);
            return null;
        }
        return value instanceof Double d && d == Math.rint(d) ? Long.toString(d.longValue()) : String.valueOf(value).strip();
    }

    String string(String key, String fallback, String expected) {
        return has(key) ? string(key, expected) : fallback;
    }

    /** A value converted by {@code parse}; its IllegalArgumentException becomes a failure naming the key. */
    <T> T parsed(String key, String expected, Function<String, T> parse) {
        String text = string(key, expected);
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
        Object value = value(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && n.doubleValue() >= min && n.doubleValue() <= max) {
            return n.intValue();
        }
        if (value instanceof String s && s.strip().matches("-?\\d{1,10}")) {
            long parsed = Long.parseLong(s.strip());
            if (parsed >= min && parsed <= max) {
                return (int) parsed;
            }
        }
        bad(key, value, expected);
        return fallback;
    }

    boolean bool(String key, boolean fallback) {
        Object value = has(key) ? value(key) : null;
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s && (s.equals("true") || s.equals("false"))) {
            return Boolean.parseBoolean(s);
        }
        bad(key, value, "true or false");
        return fallback;
    }

    /** A nested object; a missing or unknown one reads as empty, and only a missing one is a failure. */
    Inputs section(String key) {
        Object value = values.get(key) == null ? null : value(key);
        boolean usable = value instanceof Map;
        if (values.get(key) == null) {
            fail(key, "missing; expected an object");
        } else if (value != null && !usable) {
            bad(key, value, "an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = usable ? (Map<String, Object>) value : Map.of();
        return new Inputs(key(key), map, failures, unknown, quiet || !usable);
    }

    Inputs optionalSection(String key) {
        return has(key) ? section(key) : new Inputs(key(key), Map.of(), failures, unknown, quiet);
    }

    /** A list of plain values; missing: the fallback. */
    List<String> strings(String key, List<String> fallback) {
        if (!has(key)) {
            return fallback;
        }
        Object value = value(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof List<?> list)) {
            bad(key, value, "a list");
            return fallback;
        }
        List<String> out = new ArrayList<>();
        if (list.contains(PropertyValues.UNKNOWN)) {
            unknown[0] = true;
            return fallback;
        }
        for (Object item : list) {
            if (item == null || item instanceof Map || item instanceof List) {
                bad(key, item, "a list of plain values");
                return fallback;
            }
            out.add(item instanceof Double d && d == Math.rint(d) ? Long.toString(d.longValue()) : String.valueOf(item).strip());
        }
        return out;
    }

    /** A secret string: required to come as a secret, so it stays one in the state. */
    String secret(String key, String expected) {
        if (values.get(key) != null && !(values.get(key) instanceof PropertyValues.Secret)
                && values.get(key) != PropertyValues.UNKNOWN) {
            fail(key, "must be a secret (set it with `pulumi config set --secret`, or wrap it in Output.ofSecret)");
            return null;
        }
        if (values.get(key) == null) {
            fail(key, "missing; expected " + expected);
            return null;
        }
        Object value = value(key);
        return value == null ? null : String.valueOf(value);
    }

    void bad(String key, Object value, String expected) {
        Object shown = values.get(key) instanceof PropertyValues.Secret ? "[secret]"
                : value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : value;
        fail(key, "'" + String.valueOf(shown).replaceAll("\\p{Cntrl}", "?") + "' is not valid; expected " + expected);
    }
}
