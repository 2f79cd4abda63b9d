package org.portscope.plugin.pcap;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.portscope.sensor.api.Metrics;
import org.portscope.sensor.api.SensorContext;

/** A SensorContext for tests: real clock, in-memory counters, state under a given folder. */
record TestContext(Path stateRoot) implements SensorContext {
  private static final Map<String, Metrics.Counter> COUNTERS = new ConcurrentHashMap<>();

  @Override
  public String nodeId() {
    return "test-node";
  }

  @Override
  public InstantSource clock() {
    return InstantSource.system();
  }

  @Override
  public Metrics metrics() {
    return new Metrics() {
      @Override
      public Counter counter(String name, String help) {
        return COUNTERS.computeIfAbsent(name, n -> new SimpleCounter());
      }

      @Override
      public Counter counter(String name, String help, String labelName, String labelValue) {
        return COUNTERS.computeIfAbsent(name + "{" + labelName + "=" + labelValue + "}", n -> new SimpleCounter());
      }
    };
  }

  @Override
  public Path stateDir(String name) {
    return stateRoot.resolve(name);
  }

  private static final class SimpleCounter implements Metrics.Counter {
    private final AtomicLong value = new AtomicLong();

    @Override
    public void add(long n) {
      value.addAndGet(n);
    }

    @Override
    public long value() {
      return value.get();
    }
  }
}
