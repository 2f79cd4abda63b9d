package org.portscope.hub.honeypot;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per finished connection, appended and flushed at once (a crash loses at most the
 * line being written). Called from the honeypot's event loop; serialized here.
 */
final class HoneypotLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HoneypotLog.class);
  private final ObjectMapper json = new ObjectMapper();
  private final Path file;
  private final BufferedWriter out;

  HoneypotLog(Path file) {
    this.file = file;
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("honeypot log " + file + " cannot be opened: " + e.getMessage(), e);
    }
  }

  synchronized void write(Map<String, Object> record) {
    try {
      out.write(json.writeValueAsString(record));
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      // the connection is counted anyway; a full disk must not stop the honeypot
      LOG.warn("honeypot log {} not written: {}", file, e.getMessage());
    }
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      LOG.warn("honeypot log {} not closed cleanly: {}", file, e.getMessage());
    }
  }
}
