package org.portscope.plugin.jsonl;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import org.pf4j.Extension;
import org.portscope.sensor.api.ConfigException;
import org.portscope.sensor.api.Forwarder;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.SensorContext;
import org.portscope.sensor.api.StageConfig;

/**
 * Writes one JSON object per observation, one per line, to a file (appending) or to stdout
 * ({@code path: "-"}). Config: {@code path} (required), {@code buffer} (bytes kept before a write,
 * default 1MiB), {@code raw} (read by the host).
 */
@Extension
public final class JsonlForwarder implements Forwarder {
  private final ObservationJson json = new ObservationJson();
  private OutputStream out;
  private String target;
  private AsciiBuffer buffer;
  private int flushAt;

  @Override
  public void configure(StageConfig config, SensorContext context) {
    config.allowOnly(Set.of("plugin", "path", "buffer", "raw"));
    target = config.string("path");
    flushAt = (int) config.bytes("buffer", 1 << 20, 4096, 64L << 20);
    buffer = new AsciiBuffer(flushAt + 4096);
    if (target.equals("-")) {
      out = new FileOutputStream(FileDescriptor.out);
      return;
    }
    Path file = Path.of(target);
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new ConfigException(config.key("path") + ": cannot open '" + target + "' for appending: "
          + e.getMessage(), e);
    }
  }

  @Override
  public void accept(Observation observation) {
    json.append(buffer, observation);
    buffer.ch('\n');
    if (buffer.length >= flushAt) {
      drain();
    }
  }

  @Override
  public void flush() {
    drain();
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("writing observations to " + target + " failed", e);
    }
  }

  private void drain() {
    if (buffer.length > 0) {
      try {
        out.write(buffer.bytes, 0, buffer.length);
      } catch (IOException e) {
        throw new UncheckedIOException("writing observations to " + target + " failed", e);
      } finally {
        buffer.clear();
      }
    }
  }

  @Override
  public void close() {
    if (out == null) {
      return;
    }
    try {
      flush();
    } finally {
      try {
        if (!target.equals("-")) {
          out.close();
        }
      } catch (IOException e) {
        // Closing after a successful flush loses nothing; nothing left to report.
      }
    }
  }
}
