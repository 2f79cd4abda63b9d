package org.portscope.plugin.abuseipdb;

import java.time.Duration;
import java.time.InstantSource;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.portscope.sensor.api.Metrics;
import org.portscope.sensor.api.SensorContext;

/** Counters by name and label a test can wait on, in a sensor context with the system clock. */
final class WaitableMetrics implements Metrics, SensorContext {
  private final Map<String, Waitable> counters = new ConcurrentHashMap<>();

  @Override
  public Counter counter(String name, String help) {
    return counters.computeIfAbsent(name, n -> new Waitable());
  }

  @Override
  public Counter counter(String name, String help, String labelName, String labelValue) {
    return counter(name + "{" + labelName + "=" + labelValue + "}", help);
  }

  /** {@code portscope_abuseipdb_reports_total{result=RESULT}}. */
  long reports(String result) {
    return counter("portscope_abuseipdb_reports_total", "", "result", result).value();
  }

  void awaitReports(String result, long n) throws InterruptedException {
    ((Waitable) counter("portscope_abuseipdb_reports_total", "", "result", result)).await(result, n, Duration.ofSeconds(20));
  }

  long value(String name) {
    return counter(name, "").value();
  }

  @Override
  public String nodeId() {
    return "node-1";
  }

  @Override
  public InstantSource clock() {
    return InstantSource.system();
  }

  @Override
  public Metrics metrics() {
    return this;
  }

  @Override
  public Path stateDir(String name) {
    throw new UnsupportedOperationException("the reporter keeps no state on disk");
  }

  static final class Waitable implements Counter {
    private long value;

    @Override
    public synchronized void add(long n) {
      value += n;
      notifyAll();
    }

    @Override
    public synchronized long value() {
      return value;
    }

    synchronized void await(String what, long n, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (value < n) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(what + " is " + value + " after " + timeout + ", expected " + n);
        }
        wait(Math.max(1, left / 1_000_000));
      }
    }
  }
}
