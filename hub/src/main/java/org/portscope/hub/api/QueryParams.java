package org.portscope.hub.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The query string of one request, checked: unknown and repeated parameters are refused, and every
 * accessor refuses a value it cannot use with a {@link BadRequestException} naming the parameter
 * and what it expects.
 */
public final class QueryParams {
  static final String TIME_EXPECTED =
      "an ISO-8601 instant (2025-03-01T12:00:00Z), epoch milliseconds, or -DURATION before now (-15m, -24h, -7d)";
  private static final Pattern RELATIVE = Pattern.compile("-(\\d{1,9})(s|m|h|d)");

  private final Map<String, String> values;
  private final Clock clock;

  private QueryParams(Map<String, String> values, Clock clock) {
    this.values = values;
    this.clock = clock;
  }

  /** Parses a raw (still encoded) query string, accepting only {@code allowed} names. */
  public static QueryParams parse(String rawQuery, Set<String> allowed, Clock clock) throws BadRequestException {
    Map<String, String> values = new HashMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        if (!allowed.contains(name)) {
          throw new BadRequestException(name, "unknown parameter '" + name + "'",
              "one of " + String.join(", ", new TreeSet<>(allowed)));
        }
        if (values.put(name, value) != null) {
          throw new BadRequestException(name, "parameter '" + name + "' given twice", "at most once");
        }
      }
    }
    return new QueryParams(values, clock);
  }

  private static String decode(String s) throws BadRequestException {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(s, "'" + s + "' is not URL-encoded correctly", "percent-encoded UTF-8");
    }
  }

  /** Refuses a parameter given without a value, for requests where that is a mistake rather than "absent". */
  public void refuseEmpty() throws BadRequestException {
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(values).entrySet()) {
      if (e.getValue().isEmpty()) {
        throw new BadRequestException(e.getKey(), "parameter '" + e.getKey() + "' is empty", "a value, or leave it out");
      }
    }
  }

  /** The value, or null when absent or empty. */
  public String string(String name) {
    String v = values.get(name);
    return v == null || v.isEmpty() ? null : v;
  }

  Instant instant(String name) throws BadRequestException {
    String v = string(name);
    if (v == null) {
      return null;
    }
    Matcher rel = RELATIVE.matcher(v);
    if (rel.matches()) {
      long n = Long.parseLong(rel.group(1));
      Duration d = switch (rel.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
      return clock.instant().minus(d);
    }
    try {
      if (v.chars().allMatch(Character::isDigit) && v.length() <= 15) {
        return Instant.ofEpochMilli(Long.parseLong(v));
      }
      return Instant.parse(v);
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new BadRequestException(name, name + " is '" + v + "'", TIME_EXPECTED);
    }
  }

  Integer integer(String name, int min, int max) throws BadRequestException {
    Long n = number(name, min, max);
    return n == null ? null : n.intValue();
  }

  /** The value as a number from {@code min} to {@code max}, or null when absent. */
  public Long number(String name, long min, long max) throws BadRequestException {
    String v = string(name);
    if (v == null) {
      return null;
    }
    try {
      long n = Long.parseLong(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BadRequestException(name, name + " is '" + v + "'", "an integer from " + min + " to " + max);
  }

  int limit(int byDefault, int max) throws BadRequestException {
    Integer n = integer("limit", 1, max);
    return n == null ? byDefault : n;
  }
}
