package org.portscope.sensor.api;

/**
 * The registry of the sensor's counters, exported in Prometheus text format. Names follow
 * Prometheus conventions ({@code portscope_<stage>_<what>_total}). Asking twice for the same name
 * and labels returns the same counter.
 */
public interface Metrics {
  /** A counter without labels. */
  Counter counter(String name, String help);

  /** A counter with one label, e.g. {@code ("portscope_decoder_malformed_total", …, "reason", "truncated_tcp")}. */
  Counter counter(String name, String help, String labelName, String labelValue);

  /** A monotonically increasing count, safe to increment from any thread. */
  interface Counter {
    void add(long n);

    default void increment() {
      add(1);
    }

    long value();
  }
}
