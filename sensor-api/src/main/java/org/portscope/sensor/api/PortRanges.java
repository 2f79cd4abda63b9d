package org.portscope.sensor.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Port numbers as ranges, such as a listener's assigned {@code 10000-20000} and {@code 8080}.
 * Immutable; {@link #NONE} is the empty set.
 *
 * @param ranges in ascending order, none overlapping or adjacent: given ranges are sorted and merged,
 *     so that a port given twice is counted once and a listener binds it once
 */
public record PortRanges(List<Range> ranges) {
  public static final PortRanges NONE = new PortRanges(List.of());

  /** The ports {@code first} to {@code last}, both included, within 1-65535. */
  public record Range(int first, int last) {
    public Range {
      if (first < 1 || last > 65_535 || first > last) {
        throw new IllegalArgumentException(first + "-" + last + " is not a range within 1-65535");
      }
    }

    @Override
    public String toString() {
      return first == last ? String.valueOf(first) : first + "-" + last;
    }
  }

  public PortRanges {
    ranges = merged(Objects.requireNonNull(ranges, "ranges"));
  }

  private static List<Range> merged(List<Range> given) {
    List<Range> sorted = new ArrayList<>(given);
    sorted.sort(Comparator.comparingInt(Range::first));
    List<Range> out = new ArrayList<>();
    for (Range r : sorted) {
      Range last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && r.first <= last.last + 1) {
        out.set(out.size() - 1, new Range(last.first, Math.max(last.last, r.last)));
      } else {
        out.add(r);
      }
    }
    return List.copyOf(out);
  }

  /**
   * Parses config items such as {@code "10000-20000"} or {@code "8080"}.
   *
   * @throws IllegalArgumentException naming the item and what was expected, or when there is none
   */
  public static PortRanges parse(List<String> items) {
    if (items.isEmpty()) {
      throw new IllegalArgumentException("no ports given");
    }
    List<Range> out = new ArrayList<>();
    for (String item : items) {
      String[] parts = item.trim().split("-", -1);
      try {
        if (parts.length > 2) {
          throw new NumberFormatException();
        }
        int first = Integer.parseInt(parts[0].trim());
        int last = parts.length == 1 ? first : Integer.parseInt(parts[1].trim());
        out.add(new Range(first, last));
      } catch (IllegalArgumentException e) { // NumberFormatException is one too
        throw new IllegalArgumentException("'" + item + "' is not a port or a range FIRST-LAST within 1-65535");
      }
    }
    return new PortRanges(out);
  }

  public boolean contains(int port) {
    for (Range r : ranges) {
      if (port >= r.first && port <= r.last) {
        return true;
      }
    }
    return false;
  }

  /** How many ports the ranges hold. */
  public int count() {
    return ranges.stream().mapToInt(r -> r.last - r.first + 1).sum();
  }

  /** The ranges as {@link #parse} reads them, comma-separated: {@code 8080,10000-20000}. */
  @Override
  public String toString() {
    return ranges.stream().map(Range::toString).collect(Collectors.joining(","));
  }
}
