package org.portscope.hub.blocklist;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.portscope.hub.api.BadRequestException;

/**
 * The parameters of {@code GET /api/blocklist}, checked: unknown or repeated parameters and values
 * out of range are refused with a {@link BadRequestException} naming the parameter and what it
 * expects.
 *
 * @param node the node named by the request, or null (a peer's own name is the default)
 * @param institution the institution named by the request, or null (a peer's own is the default)
 * @param keyId only sources anonymized under this key, or null for every key
 */
record BlocklistRequest(Scope scope, String node, String institution, Duration window, String windowText,
    long minScore, BlocklistFormat format, String keyId, int limit) {
  static final Set<String> PARAMETERS =
      Set.of("scope", "node", "institution", "window", "min-score", "format", "key-id", "limit");
  static final long DEFAULT_MIN_SCORE = 100;
  static final int DEFAULT_LIMIT = 65_536;
  static final int MAX_LIMIT = 1_000_000;
  static final Duration MAX_WINDOW = Duration.ofDays(366);
  private static final Pattern WINDOW = Pattern.compile("(\\d{1,6})(m|h|d)");
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  /** Whose list: one node's sources, or the sources seen by any node of an institution. */
  enum Scope {
    NODE, INSTITUTION;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  BlocklistRequest {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(windowText, "windowText");
    Objects.requireNonNull(format, "format");
  }

  /** Parses a raw (still percent-encoded) query string. */
  static BlocklistRequest parse(String rawQuery) throws BadRequestException {
    Map<String, String> v = values(rawQuery);
    Scope scope = switch (v.getOrDefault("scope", "node")) {
      case "node" -> Scope.NODE;
      case "institution" -> Scope.INSTITUTION;
      default -> throw new BadRequestException("scope", "scope is '" + v.get("scope") + "'", "node or institution");
    };
    String windowText = v.getOrDefault("window", "7d");
    String keyId = v.get("key-id");
    if (keyId != null && !KEY_ID.matcher(keyId).matches()) {
      throw new BadRequestException("key-id", "key-id is '" + keyId + "'",
          "a key id of 1 to 64 letters, digits, '.', '_' or '-'");
    }
    return new BlocklistRequest(scope, v.get("node"), v.get("institution"), window(windowText), windowText,
        number(v, "min-score", DEFAULT_MIN_SCORE, 0, Long.MAX_VALUE / 2),
        BlocklistFormat.parse(v.getOrDefault("format", "plain")), keyId,
        (int) number(v, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT));
  }

  private static Map<String, String> values(String rawQuery) throws BadRequestException {
    Map<String, String> values = new HashMap<>();
    if (rawQuery == null) {
      return values;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (!PARAMETERS.contains(name)) {
        throw new BadRequestException(name, "unknown parameter '" + name + "'",
            "one of " + String.join(", ", new TreeSet<>(PARAMETERS)));
      }
      if (value.isEmpty()) {
        throw new BadRequestException(name, "parameter '" + name + "' is empty", "a value, or leave it out");
      }
      if (values.put(name, value) != null) {
        throw new BadRequestException(name, "parameter '" + name + "' given twice", "at most once");
      }
    }
    return values;
  }

  private static String decode(String s) throws BadRequestException {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(s, "'" + s + "' is not URL-encoded correctly", "percent-encoded UTF-8");
    }
  }

  private static Duration window(String text) throws BadRequestException {
    Matcher m = WINDOW.matcher(text);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      Duration d = switch (m.group(2)) {
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
      if (!d.isZero() && d.compareTo(MAX_WINDOW) <= 0) {
        return d;
      }
    }
    throw new BadRequestException("window", "window is '" + text + "'",
        "a duration from 1m to " + MAX_WINDOW.toDays() + "d such as 30m, 24h, 7d");
  }

  private static long number(Map<String, String> v, String name, long byDefault, long min, long max)
      throws BadRequestException {
    String text = v.get(name);
    if (text == null) {
      return byDefault;
    }
    try {
      long n = Long.parseLong(text);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BadRequestException(name, name + " is '" + text + "'", "an integer from " + min + " to " + max);
  }
}
