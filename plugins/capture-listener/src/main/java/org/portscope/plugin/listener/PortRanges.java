package org.portscope.plugin.listener;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** The node's assigned TCP ports, as ranges such as {@code 10000-20000} or single ports. */
record PortRanges(List<Range> ranges) {
  record Range(int first, int last) {
    Range {
      if (first < 1 || last > 65535 || first > last) {
        throw new IllegalArgumentException(first + "-" + last + " is not a range within 1-65535");
      }
    }

    @Override
    public String toString() {
      return first == last ? String.valueOf(first) : first + "-" + last;
    }
  }

  PortRanges {
    ranges = List.copyOf(Objects.requireNonNull(ranges, "ranges"));
    if (ranges.isEmpty()) {
      throw new IllegalArgumentException("no port ranges");
    }
  }

  /**
   * Parses {@code "10000-20000"} or {@code "8080"} items.
   *
   * @throws IllegalArgumentException naming the item and what was expected
   */
  static PortRanges parse(List<String> items) {
    List<Range> out = new ArrayList<>();
    for (String item : items) {
      String[] parts = item.trim().split("-", -1);
      try {
        int first = Integer.parseInt(parts[0].trim());
        int last = parts.length == 1 ? first : Integer.parseInt(parts[1].trim());
        if (parts.length > 2) {
          throw new NumberFormatException();
        }
        out.add(new Range(first, last));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + item + "' is not a port or a range FIRST-LAST");
      }
    }
    return new PortRanges(out);
  }

  boolean contains(int port) {
    for (Range r : ranges) {
      if (port >= r.first && port <= r.last) {
        return true;
      }
    }
    return false;
  }

  int count() {
    return ranges.stream().mapToInt(r -> r.last - r.first + 1).sum();
  }

  /** The nftables set expression, e.g. {@code { 10000-20000, 8080 }}. */
  String nftSet() {
    return ranges.stream().map(Range::toString).collect(Collectors.joining(", ", "{ ", " }"));
  }

  @Override
  public String toString() {
    return ranges.stream().map(Range::toString).collect(Collectors.joining(","));
  }
}
