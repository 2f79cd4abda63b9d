package org.portscope.plugin.abuseipdb;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One report for AbuseIPDB.
 *
 * @param ip the source's real address, as text
 * @param categories at least one
 * @param timestamp when the session was accepted
 * @param comment what was seen, without the node's own addresses (at most 1000 characters:
 *     AbuseIPDB cuts longer comments)
 */
record Report(String ip, Set<Category> categories, Instant timestamp, String comment) {
  static final int MAX_COMMENT = 1000;

  Report {
    Objects.requireNonNull(ip, "ip");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(comment, "comment");
    if (categories.isEmpty()) {
      throw new IllegalArgumentException("a report needs a category");
    }
    categories = Set.copyOf(EnumSet.copyOf(categories));
    if (comment.length() > MAX_COMMENT) {
      comment = comment.substring(0, MAX_COMMENT);
    }
  }

  /** The ids, comma-separated in ascending order, as the API takes them. */
  String categoryIds() {
    return categories.stream().map(c -> c.id).sorted().map(String::valueOf).collect(Collectors.joining(","));
  }
}
