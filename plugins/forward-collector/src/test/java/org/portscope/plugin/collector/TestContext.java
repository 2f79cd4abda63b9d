package org.portscope.plugin.collector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;
import org.portscope.sensor.api.Metrics;
import org.portscope.sensor.api.SensorContext;

/** A sensor context over a test's folder, with counters to wait on and a clock the test moves. */
final class TestContext implements SensorContext {
  final TestMetrics metrics = new TestMetrics();
  final AtomicLong millis = new AtomicLong(1_764_000_000_000L);
  private final Path root;
  private final boolean realClock;

  TestContext(Path root, boolean realClock) {
    this.root = root;
    this.realClock = realClock;
  }

  @Override
  public String nodeId() {
    return "node-1";
  }

  @Override
  public InstantSource clock() {
    return realClock ? InstantSource.system() : () -> Instant.ofEpochMilli(millis.get());
  }

  @Override
  public Metrics metrics() {
    return metrics;
  }

  @Override
  public Path stateDir(String name) {
    try {
      return Files.createDirectories(root.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
