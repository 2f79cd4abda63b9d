package org.portscope.sensor.core.cli;

import java.util.Map;
import java.util.TreeMap;

/** The counters a run ends with, as a few human-readable lines for stderr. */
final class RunSummary {
  private RunSummary() {}

  static String format(String what, Map<String, Long> counters, double seconds, long kernelDrops) {
    long frames = counters.getOrDefault("portscope_capture_frames_total", 0L);
    long rate = seconds > 0 ? Math.round(frames / seconds) : 0;
    StringBuilder sb = new StringBuilder();
    sb.append(what).append(": ").append(frames).append(" frames in ")
        .append(String.format("%.3f", seconds)).append(" s (").append(rate).append(" frames/s)\n");
    sb.append("  decoded ").append(counters.getOrDefault("portscope_decoder_decoded_total", 0L))
        .append(", malformed ").append(labelled(counters, "portscope_decoder_malformed_total"))
        .append(", ignored ").append(labelled(counters, "portscope_decoder_ignored_total"))
        .append('\n');
    sb.append("  not recorded ").append(labelled(counters, "portscope_filter_skipped_total"))
        .append(", dropped (queue full) ")
        .append(counters.getOrDefault("portscope_capture_dropped_total", 0L));
    if (kernelDrops >= 0) {
      sb.append(", dropped by the kernel ").append(kernelDrops);
    }
    sb.append('\n');
    sb.append("  observations ").append(counters.getOrDefault("portscope_observations_total", 0L))
        .append(" by kind ").append(labelled(counters, "portscope_fingerprint_kind_total"))
        .append(" by tool ").append(labelled(counters, "portscope_fingerprint_tool_total"))
        .append('\n');
    Map<String, Long> forwarded = labelledMap(counters, "portscope_forwarder_accepted_total");
    Map<String, Long> errors = labelledMap(counters, "portscope_forwarder_errors_total");
    forwarded.forEach((name, n) -> sb.append("  forwarder ").append(name).append(": ").append(n)
        .append(" accepted, ").append(errors.getOrDefault(name, 0L)).append(" errors\n"));
    return sb.toString();
  }

  /** Non-zero series of one labelled counter as {@code {value=count, …}}. */
  private static String labelled(Map<String, Long> counters, String name) {
    Map<String, Long> m = labelledMap(counters, name);
    long total = m.values().stream().mapToLong(Long::longValue).sum();
    return total + (m.isEmpty() ? "" : " " + m);
  }

  private static Map<String, Long> labelledMap(Map<String, Long> counters, String name) {
    Map<String, Long> out = new TreeMap<>();
    String prefix = name + "{";
    counters.forEach((k, v) -> {
      if (k.startsWith(prefix) && v > 0) {
        String labels = k.substring(prefix.length(), k.length() - 1);
        int q = labels.indexOf('"');
        out.put(labels.substring(q + 1, labels.length() - 1), v);
      }
    });
    return out;
  }
}
