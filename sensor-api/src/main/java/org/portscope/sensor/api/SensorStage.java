package org.portscope.sensor.api;

import org.pf4j.ExtensionPoint;

/**
 * What every pluggable stage has in common: it is made by the plugin framework with its no-argument
 * constructor, configured once, used, and closed once.
 *
 * <p>Lifecycle, as the host drives it:
 * <ol>
 *   <li>{@link #configure} is called exactly once, before any other method, on the host's start-up
 *       thread. It reads and validates the stage's whole section; a bad value throws
 *       {@link ConfigException} and the sensor refuses to start.</li>
 *   <li>The stage's own methods are called (see each extension point for which thread).</li>
 *   <li>{@link #close} is called exactly once at shutdown, after the stage's last use. After it,
 *       no method is called again. It must release threads, sockets and files.</li>
 * </ol>
 */
public interface SensorStage extends ExtensionPoint, AutoCloseable {
  /**
   * Reads this stage's config section.
   *
   * @param config this stage's section (the {@code plugin} key included)
   * @param context the node id, clock, metrics and state folder
   * @throws ConfigException naming the key, the value and what was expected
   */
  void configure(StageConfig config, SensorContext context);

  /**
   * Keys of this stage's section that hold secrets (keys, tokens, passwords); the host never prints
   * their values in logs or messages.
   */
  default java.util.Set<String> secretKeys() {
    return java.util.Set.of();
  }

  /** Releases everything the stage holds; called once, last. Must not throw checked exceptions. */
  @Override
  void close();
}
