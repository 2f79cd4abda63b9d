package org.portscope.provisioner.provider;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pulumi property values on the wire ({@code google.protobuf.Struct}) to plain Java and back:
 * maps, lists, strings, numbers, booleans and null, with the engine's two special values kept
 * visible: a secret (a map carrying the secret signature, decoded as {@link Secret}) and an
 * unknown (a computed value during preview, decoded as {@link #UNKNOWN}).
 */
public final class PropertyValues {

    /** The key that marks a special value, and the signature that says "secret". */
    static final String SIG = "4dabf18193072939515e22adb298388d";
    static final String SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
    /** What the engine sends for a value it does not know yet. */
    static final String UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

    /** A value not known yet (preview). */
    public static final Object UNKNOWN = new Object() {
        @Override
        public String toString() {
            return "<unknown>";
        }
    };

    /** A secret value; {@link #toString()} never shows it. */
    public record Secret(Object value) {
        @Override
        public String toString() {
            return "[secret]";
        }
    }

    private PropertyValues() {
    }

    public static Map<String, Object> decode(Struct struct) {
        Map<String, Object> out = new LinkedHashMap<>();
        struct.getFieldsMap().forEach((k, v) -> out.put(k, decode(v)));
        return out;
    }

    static Object decode(Value value) {
        return switch (value.getKindCase()) {
            case NULL_VALUE, KIND_NOT_SET -> null;
            case BOOL_VALUE -> value.getBoolValue();
            case NUMBER_VALUE -> value.getNumberValue();
            case STRING_VALUE -> UNKNOWN_STRING.equals(value.getStringValue()) ? UNKNOWN : value.getStringValue();
            case LIST_VALUE -> {
                List<Object> list = new ArrayList<>();
                value.getListValue().getValuesList().forEach(v -> list.add(decode(v)));
                yield list;
            }
            case STRUCT_VALUE -> {
                Struct struct = value.getStructValue();
                Value sig = struct.getFieldsMap().get(SIG);
                if (sig != null && SECRET_SIG.equals(sig.getStringValue())) {
                    yield new Secret(decode(struct.getFieldsOrDefault("value", Value.getDefaultInstance())));
                }
                yield decode(struct);
            }
        };
    }

    public static Struct encode(Map<String, ?> properties) {
        Struct.Builder struct = Struct.newBuilder();
        properties.forEach((k, v) -> struct.putFields(k, encode(v)));
        return struct.build();
    }

    static Value encode(Object value) {
        if (value == null) {
            return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
        }
        if (value == UNKNOWN) {
            return Value.newBuilder().setStringValue(UNKNOWN_STRING).build();
        }
        if (value instanceof Secret secret) {
            return Value.newBuilder().setStructValue(Struct.newBuilder()
                    .putFields(SIG, Value.newBuilder().setStringValue(SECRET_SIG).build())
                    .putFields("value", encode(secret.value()))).build();
        }
        if (value instanceof Boolean b) {
            return Value.newBuilder().setBoolValue(b).build();
        }
        if (value instanceof Number n) {
            return Value.newBuilder().setNumberValue(n.doubleValue()).build();
        }
        if (value instanceof String s) {
            return Value.newBuilder().setStringValue(s).build();
        }
        if (value instanceof Map<?, ?> map) {
            Struct.Builder struct = Struct.newBuilder();
            map.forEach((k, v) -> struct.putFields(String.valueOf(k), encode(v)));
            return Value.newBuilder().setStructValue(struct).build();
        }
        if (value instanceof List<?> list) {
            ListValue.Builder items = ListValue.newBuilder();
            list.forEach(v -> items.addValues(encode(v)));
            return Value.newBuilder().setListValue(items).build();
        }
        throw new IllegalArgumentException("not a property value: " + value.getClass().getName());
    }

    /** The value with every secret wrapper removed (for comparing and reading). */
    public static Object reveal(Object value) {
        if (value instanceof Secret secret) {
            return reveal(secret.value());
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), reveal(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(PropertyValues::reveal).toList();
        }
        return value;
    }

    /** Whether the value is, or holds, a value not known yet. */
    public static boolean hasUnknown(Object value) {
        if (value == UNKNOWN) {
            return true;
        }
        if (value instanceof Secret secret) {
            return hasUnknown(secret.value());
        }
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(PropertyValues::hasUnknown);
        }
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(PropertyValues::hasUnknown);
        }
        return false;
    }
}
