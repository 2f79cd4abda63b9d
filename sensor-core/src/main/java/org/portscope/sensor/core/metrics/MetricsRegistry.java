package org.portscope.sensor.core.metrics;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.portscope.sensor.api.Metrics;

/** The sensor's counters, written in Prometheus text exposition format (version 0.0.4). */
public final class MetricsRegistry implements Metrics {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  private final Map<String, Family> families = new ConcurrentHashMap<>();

  @Override
  public Counter counter(String name, String help) {
    return family(name, help).counter("");
  }

  @Override
  public Counter counter(String name, String help, String labelName, String labelValue) {
    if (!NAME.matcher(labelName).matches()) {
      throw new IllegalArgumentException("'" + labelName + "' is not a Prometheus label name");
    }
    String escaped = labelValue.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    return family(name, help).counter(labelName + "=\"" + escaped + "\"");
  }

  /** All counters with a value, keyed {@code name{labels}}; for summaries and tests. */
  public Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    families.forEach((name, f) -> f.series.forEach((labels, c) ->
        out.put(labels.isEmpty() ? name : name + "{" + labels + "}", c.value())));
    return out;
  }

  public String toPrometheusText() {
    StringBuilder sb = new StringBuilder();
    new TreeMap<>(families).forEach((name, f) -> {
      sb.append("# HELP ").append(name).append(' ').append(f.help).append('\n');
      sb.append("# TYPE ").append(name).append(" counter\n");
      new TreeMap<>(f.series).forEach((labels, c) -> {
        sb.append(name);
        if (!labels.isEmpty()) {
          sb.append('{').append(labels).append('}');
        }
        sb.append(' ').append(c.value()).append('\n');
      });
    });
    return sb.toString();
  }

  private Family family(String name, String help) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("'" + name + "' is not a Prometheus metric name");
    }
    return families.computeIfAbsent(name, n -> new Family(Objects.requireNonNull(help, "help")));
  }

  private static final class Family {
    final String help;
    final Map<String, AdderCounter> series = new ConcurrentHashMap<>();

    Family(String help) {
      this.help = help.replace("\\", "\\\\").replace("\n", "\\n");
    }

    Counter counter(String labels) {
      return series.computeIfAbsent(labels, l -> new AdderCounter());
    }
  }

  private static final class AdderCounter implements Counter {
    private final LongAdder adder = new LongAdder();

    @Override
    public void add(long n) {
      if (n < 0) {
        throw new IllegalArgumentException("a counter only goes up; got " + n);
      }
      adder.add(n);
    }

    @Override
    public long value() {
      return adder.sum();
    }
  }
}
