package org.portscope.plugin.collector;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.portscope.sensor.api.Metrics;

/** Counters a test can wait on: every change wakes whoever waits for a value. */
final class TestMetrics implements Metrics {
  private final Map<String, WaitableCounter> counters = new ConcurrentHashMap<>();

  @Override
  public Counter counter(String name, String help) {
    return counters.computeIfAbsent(name, n -> new WaitableCounter());
  }

  @Override
  public Counter counter(String name, String help, String labelName, String labelValue) {
    return counter(name, help);
  }

  /** The counter {@code portscope_collector_<what>_total}. */
  long value(String what) {
    return counter("portscope_collector_" + what + "_total", "").value();
  }

  /** Waits until the counter reaches {@code n}; fails the test after {@code timeout}. */
  void await(String what, long n, Duration timeout) throws InterruptedException {
    ((WaitableCounter) counter("portscope_collector_" + what + "_total", "")).await(what, n, timeout);
  }

  static final class WaitableCounter implements Counter {
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
