package org.portscope.sensor.core.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import org.portscope.sensor.api.Metrics;
import org.portscope.sensor.api.SensorContext;

/** The {@link SensorContext} the host hands to every stage. */
record HostContext(String nodeId, InstantSource clock, Metrics metrics, Path stateRoot)
    implements SensorContext {

  @Override
  public Path stateDir(String name) {
    Path dir = stateRoot.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_"));
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create state folder " + dir, e);
    }
  }
}
