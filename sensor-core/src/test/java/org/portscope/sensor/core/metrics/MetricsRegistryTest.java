package org.portscope.sensor.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.portscope.sensor.api.Metrics.Counter;
import org.portscope.sensor.core.metrics.MetricsRegistry.OwnedCounter;

class MetricsRegistryTest {
  private final MetricsRegistry registry = new MetricsRegistry();

  @Test
  void anOwnedCounterIsSummedWithTheSharedViewOfItsSeries() throws Exception {
    OwnedCounter owned = registry.ownedCounter("t_frames_total", "frames", "reason", "x");
    Counter shared = registry.counter("t_frames_total", "frames", "reason", "x");
    assertSame(owned, registry.ownedCounter("t_frames_total", "frames", "reason", "x"));
    Thread writer = new Thread(() -> {
      for (int i = 0; i < 100_000; i++) {
        owned.increment();
      }
    });
    writer.start();
    for (int i = 0; i < 1_000; i++) {
      shared.add(2);
    }
    writer.join();
    assertEquals(102_000, shared.value());
    assertEquals(100_000, owned.value());
    assertEquals(102_000L, registry.snapshot().get("t_frames_total{reason=\"x\"}"));
    assertTrue(registry.toPrometheusText().contains("t_frames_total{reason=\"x\"} 102000\n"),
        registry.toPrometheusText());
  }

  @Test
  void anotherThreadSeesWhatTheOwnerAddedWhileItRuns() throws Exception {
    OwnedCounter owned = registry.ownedCounter("t_live_total", "live");
    AtomicLong seen = new AtomicLong();
    long deadline = System.nanoTime() + 30_000_000_000L; // a failing run must not leave it spinning on a core
    Thread reader = new Thread(() -> {
      while (seen.get() < 1_000_000 && System.nanoTime() - deadline < 0) {
        seen.set(registry.snapshot().getOrDefault("t_live_total", 0L));
      }
    });
    reader.setDaemon(true);
    reader.start();
    for (int i = 0; i < 1_000_000; i++) {
      owned.increment();
    }
    reader.join(30_000);
    assertEquals(1_000_000, seen.get(), "the reader never saw the final count");
  }

  @Test
  void countersOnlyGoUp() {
    OwnedCounter owned = registry.ownedCounter("t_up_total", "up");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> owned.add(-1));
    assertTrue(e.getMessage().contains("-1"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> registry.counter("t_up_total", "up").add(-5));
    assertEquals(0, owned.value());
  }

  @Test
  void onlyTheThreadThatFirstAddedMayAdd() throws Exception {
    OwnedCounter owned = registry.ownedCounter("t_one_total", "one");
    owned.increment();
    Throwable[] failure = new Throwable[1];
    Thread other = new Thread(() -> {
      try {
        owned.increment();
      } catch (Throwable t) {
        failure[0] = t;
      }
    }, "not-the-owner");
    other.start();
    other.join();
    assertTrue(failure[0] instanceof AssertionError, "a second writer is refused when assertions are on");
    assertTrue(failure[0].getMessage().contains("not-the-owner"), failure[0].getMessage());
    assertEquals(1, owned.value());
  }
}
