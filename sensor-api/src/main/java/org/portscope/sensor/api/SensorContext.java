package org.portscope.sensor.api;

import java.nio.file.Path;
import java.time.InstantSource;

/**
 * What the host gives every stage besides its own config section: no more than a stage needs, and
 * never the plugin framework's internals.
 */
public interface SensorContext {
  /** The id of the node this sensor runs on (its name in the institution's inventory). */
  String nodeId();

  /** The clock to use for anything time-based (tests substitute their own). */
  InstantSource clock();

  /** Where a stage registers its counters; they are exported on the sensor's metrics endpoint. */
  Metrics metrics();

  /**
   * A folder this stage may keep state in across restarts (e.g. a forwarder's spool), created on
   * first use and private to the stage instance named {@code name} (usually the config path).
   */
  Path stateDir(String name);
}
