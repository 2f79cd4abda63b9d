package org.portscope.plugin.pcap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A capture file that cannot be read further: truncated, corrupt or of an unsupported kind. The
 * message names the file, the byte offset where the problem starts and what was wrong there.
 */
public final class CaptureFileException extends IOException {
  private final transient Path file;
  private final long offset;

  public CaptureFileException(Path file, long offset, String problem) {
    super("capture file " + file + ": at byte offset " + offset + ": " + problem);
    this.file = Objects.requireNonNull(file, "file");
    this.offset = offset;
  }

  public Path file() {
    return file;
  }

  /** Where in the file the problem starts (the start of the damaged record or block). */
  public long offset() {
    return offset;
  }
}
