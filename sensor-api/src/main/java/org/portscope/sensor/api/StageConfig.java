package org.portscope.sensor.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One stage's section of the sensor config, with typed getters whose errors name the full key, the
 * value found and what was expected. A stage reads everything it needs in
 * {@link SensorStage#configure}, so a bad value stops the sensor before anything starts.
 */
public final class StageConfig {
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|k|m|g|kb|mb|gb|kib|mib|gib)",
      Pattern.CASE_INSENSITIVE);

  private final String path;
  private final Map<String, Object> values;

  /**
   * @param path where this section sits in the config, e.g. {@code "capture"} or {@code "forward[1]"}
   * @param values the section's keys and values as parsed (strings, numbers, booleans, lists, maps)
   */
  public StageConfig(String path, Map<String, ?> values) {
    this.path = Objects.requireNonNull(path, "path");
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** This section's place in the config file, for messages. */
  public String path() {
    return path;
  }

  public Set<String> keys() {
    return values.keySet();
  }

  public boolean has(String key) {
    return values.containsKey(key) && values.get(key) != null;
  }

  /** Refuses keys outside {@code known}: a typo should stop the sensor, not be ignored. */
  public void allowOnly(Set<String> known) {
    Set<String> unknown = new TreeSet<>(values.keySet());
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      throw new ConfigException(key(unknown.iterator().next()) + ": unknown key; expected one of "
          + new TreeSet<>(known));
    }
  }

  public String string(String key) {
    Object v = require(key);
    if (v instanceof Map || v instanceof List) {
      throw bad(key, v, "a single value");
    }
    return v.toString();
  }

  public String string(String key, String fallback) {
    return has(key) ? string(key) : fallback;
  }

  /** Like {@link #string(String)} but the value is never shown in a message. */
  public String secret(String key) {
    Object v = require(key);
    if (v instanceof Map || v instanceof List) {
      throw new ConfigException(key(key) + ": expected a single value (not shown: it is a secret)");
    }
    return v.toString();
  }

  public long number(String key, long fallback, long min, long max) {
    if (!has(key)) {
      return fallback;
    }
    Object v = values.get(key);
    String expected = "an integer between " + min + " and " + max;
    long n;
    if (v instanceof Number num && !(v instanceof Double || v instanceof Float)) {
      n = num.longValue();
    } else {
      try {
        n = Long.parseLong(v.toString().trim());
      } catch (NumberFormatException e) {
        throw bad(key, v, expected);
      }
    }
    if (n < min || n > max) {
      throw bad(key, v, expected);
    }
    return n;
  }

  public int integer(String key, int fallback, int min, int max) {
    return (int) number(key, fallback, min, max);
  }

  public boolean bool(String key, boolean fallback) {
    if (!has(key)) {
      return fallback;
    }
    Object v = values.get(key);
    if (v instanceof Boolean b) {
      return b;
    }
    return switch (v.toString().trim().toLowerCase()) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw bad(key, v, "true or false");
    };
  }

  /** A duration such as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}. */
  public Duration duration(String key, Duration fallback) {
    if (!has(key)) {
      return fallback;
    }
    Object v = values.get(key);
    Matcher m = DURATION.matcher(v.toString().trim());
    if (!m.matches()) {
      throw bad(key, v, "a duration like 500ms, 30s, 5m, 2h or 7d");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  /** A size in bytes such as {@code 65536}, {@code 64k}, {@code 4MiB}, {@code 1g}. */
  public long bytes(String key, long fallback, long min, long max) {
    if (!has(key)) {
      return fallback;
    }
    Object v = values.get(key);
    String expected = "a size between " + min + " and " + max + " bytes, like 65536, 64k or 4MiB";
    Matcher m = SIZE.matcher(v.toString().trim());
    if (!m.matches()) {
      throw bad(key, v, expected);
    }
    long unit = switch (m.group(2).toLowerCase()) {
      case "" -> 1;
      case "k", "kb", "kib" -> 1L << 10;
      case "m", "mb", "mib" -> 1L << 20;
      default -> 1L << 30;
    };
    long n;
    try {
      n = Math.multiplyExact(Long.parseLong(m.group(1)), unit);
    } catch (ArithmeticException | NumberFormatException e) {
      throw bad(key, v, expected);
    }
    if (n < min || n > max) {
      throw bad(key, v, expected);
    }
    return n;
  }

  public Path file(String key) {
    return Path.of(string(key));
  }

  /** A list of values; a single scalar counts as a list of one. */
  public List<String> strings(String key) {
    if (!has(key)) {
      return List.of();
    }
    Object v = values.get(key);
    List<String> out = new ArrayList<>();
    if (v instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map || item instanceof List || item == null) {
          throw bad(key, v, "a list of plain values");
        }
        out.add(item.toString());
      }
    } else if (v instanceof Map) {
      throw bad(key, v, "a list of plain values");
    } else {
      out.add(v.toString());
    }
    return List.copyOf(out);
  }

  /** A nested section; empty when absent. */
  public StageConfig section(String key) {
    if (!has(key)) {
      return new StageConfig(key(key), Map.of());
    }
    Object v = values.get(key);
    if (!(v instanceof Map<?, ?> map)) {
      throw bad(key, v, "a section of key: value pairs");
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((k, val) -> copy.put(String.valueOf(k), val));
    return new StageConfig(key(key), copy);
  }

  /** The raw values, for stages that hand a whole section to a library. */
  public Map<String, Object> asMap() {
    return values;
  }

  /** The full path of a key in this section, e.g. {@code capture.snaplen}. */
  public String key(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** An error for a value that is present but wrong. */
  public ConfigException bad(String key, Object value, String expected) {
    return new ConfigException(key(key) + ": '" + value + "' is not valid; expected " + expected);
  }

  private Object require(String key) {
    if (!has(key)) {
      throw new ConfigException(key(key) + ": missing; this setting is required");
    }
    return values.get(key);
  }

  @Override
  public String toString() {
    return path + values.keySet();
  }
}
