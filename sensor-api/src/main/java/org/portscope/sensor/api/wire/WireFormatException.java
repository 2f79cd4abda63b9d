package org.portscope.sensor.api.wire;

import java.io.IOException;
import java.util.Objects;

/**
 * Bytes that are not a valid frame, batch, acknowledgment or observation record of the collector
 * protocol: truncated, corrupt, over a limit, or of a version this code does not know. The message
 * names what was wrong and what was expected; {@link #reason()} is what the hub answers with.
 */
public class WireFormatException extends IOException {
  private final RefusalReason reason;
  private final BatchId batchId;

  public WireFormatException(String message) {
    this(RefusalReason.MALFORMED, message, null);
  }

  public WireFormatException(String message, Throwable cause) {
    this(RefusalReason.MALFORMED, message, cause);
  }

  public WireFormatException(RefusalReason reason, String message, Throwable cause) {
    this(reason, message, cause, null);
  }

  /**
   * @param batchId the id of the batch the bad bytes belong to, when it could be read; the hub then
   *     answers with a refusal instead of closing the connection
   */
  public WireFormatException(RefusalReason reason, String message, Throwable cause, BatchId batchId) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.batchId = batchId;
  }

  /** The batch the bad bytes belong to, or {@code null} when not even its id could be read. */
  public BatchId batchId() {
    return batchId;
  }

  /** This exception attributed to a batch. */
  WireFormatException forBatch(BatchId id) {
    WireFormatException e = new WireFormatException(reason, getMessage(), getCause(), id);
    e.setStackTrace(getStackTrace());
    return e;
  }

  /** {@link RefusalReason#MALFORMED} or {@link RefusalReason#UNSUPPORTED_VERSION}. */
  public RefusalReason reason() {
    return reason;
  }
}
