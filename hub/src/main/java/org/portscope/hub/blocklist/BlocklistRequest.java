package org.portscope.hub.blocklist;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.portscope.hub.api.BadRequestException;
import org.portscope.hub.api.QueryParams;
import org.portscope.sensor.api.Observation;

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
    QueryParams q = QueryParams.parse(rawQuery, PARAMETERS, Clock.systemUTC());
    q.refuseEmpty();
    String scopeText = Objects.requireNonNullElse(q.string("scope"), "node");
    Scope scope = switch (scopeText) {
      case "node" -> Scope.NODE;
      case "institution" -> Scope.INSTITUTION;
      default -> throw new BadRequestException("scope", "scope is '" + scopeText + "'", "node or institution");
    };
    String windowText = Objects.requireNonNullElse(q.string("window"), "7d");
    String keyId = q.string("key-id");
    if (keyId != null && !Observation.isAnonKeyId(keyId)) {
      throw new BadRequestException("key-id", "key-id is '" + keyId + "'",
          "a key id of " + Observation.ANON_KEY_ID_RULE);
    }
    Long minScore = q.number("min-score", 0, Long.MAX_VALUE / 2);
    Long limit = q.number("limit", 1, MAX_LIMIT);
    return new BlocklistRequest(scope, q.string("node"), q.string("institution"), window(windowText), windowText,
        minScore == null ? DEFAULT_MIN_SCORE : minScore,
        BlocklistFormat.parse(Objects.requireNonNullElse(q.string("format"), "plain")), keyId,
        limit == null ? DEFAULT_LIMIT : limit.intValue());
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
}
