package org.portscope.sensor.core.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.portscope.sensor.api.Metrics;

/**
 * The sensor's counters, written in Prometheus text exposition format (version 0.0.4).
 *
 * <p>{@link #counter} gives counters any thread may add to. The pipeline, which adds to several
 * counters per packet from the one thread that owns them, asks for {@link #ownedCounter}s instead:
 * a plain {@code long} per series, no atomic instruction per add.
 */
public final class MetricsRegistry implements Metrics {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  private final Map<String, Family> families = new ConcurrentHashMap<>();

  @Override
  public Counter counter(String name, String help) {
    return family(name, help).series("");
  }

  @Override
  public Counter counter(String name, String help, String labelName, String labelValue) {
    return family(name, help).series(labels(labelName, labelValue));
  }

  private static String labels(String labelName, String labelValue) {
    if (!NAME.matcher(labelName).matches()) {
      throw new IllegalArgumentException("'" + labelName + "' is not a Prometheus label name");
    }
    String escaped = labelValue.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    return labelName + "=\"" + escaped + "\"";
  }

  /**
   * The counter {@code name} for one writer thread: only the thread that first adds to it may add,
   * any thread may read. Other threads asking for the same series with {@link #counter} get a
   * thread-safe counter whose adds are summed with this one's. Not a {@link Counter}, whose contract
   * is any thread, so that it cannot be handed where one is expected.
   */
  public OwnedCounter ownedCounter(String name, String help) {
    return family(name, help).series("").owned();
  }

  /** {@link #ownedCounter(String, String)} with one label. */
  public OwnedCounter ownedCounter(String name, String help, String labelName, String labelValue) {
    return family(name, help).series(labels(labelName, labelValue)).owned();
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
    final Map<String, Series> series = new ConcurrentHashMap<>();

    Family(String help) {
      this.help = help.replace("\\", "\\\\").replace("\n", "\\n");
    }

    Series series(String labels) {
      return series.computeIfAbsent(labels, l -> new Series());
    }
  }

  /** One labelled series; as a {@link Counter} it is the thread-safe view. */
  private static final class Series implements Counter {
    private final LongAdder adder = new LongAdder();
    private volatile OwnedCounter owned;

    @Override
    public void add(long n) {
      adder.add(checked(n));
    }

    @Override
    public long value() {
      OwnedCounter o = owned;
      return adder.sum() + (o == null ? 0 : o.value());
    }

    synchronized OwnedCounter owned() {
      if (owned == null) {
        owned = new OwnedCounter();
      }
      return owned;
    }
  }

  /**
   * A counter written by one thread with opaque stores (ordinary moves on x86), read by any. The
   * first thread to add owns it; with assertions on (tests), another thread's add fails.
   */
  public static final class OwnedCounter {
    private static final VarHandle VALUE;

    static {
      try {
        VALUE = MethodHandles.lookup().findVarHandle(OwnedCounter.class, "value", long.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private long value;
    private Thread owner;

    private OwnedCounter() {}

    public void add(long n) {
      assert owned() : "owned counter added to by " + Thread.currentThread().getName() + ", owned by "
          + owner.getName();
      VALUE.setOpaque(this, value + checked(n));
    }

    public void increment() {
      add(1);
    }

    public long value() {
      return (long) VALUE.getOpaque(this);
    }

    private boolean owned() {
      if (owner == null) {
        owner = Thread.currentThread();
      }
      return owner == Thread.currentThread();
    }
  }

  private static long checked(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("a counter only goes up; got " + n);
    }
    return n;
  }
}
