package org.portscope.plugin.collector;

import java.util.Objects;
import org.portscope.sensor.api.wire.BatchId;

/**
 * A sealed batch as the spool keeps it.
 *
 * @param seq the spool's own order (files are sent oldest first); local, never sent
 * @param id the batch id, assigned when spooled and the same on every resend, also after a restart
 * @param count how many observations the batch holds
 * @param frame the BATCH frame as the wire codec encoded it, ready to write to the hub
 */
record SpooledBatch(long seq, BatchId id, int count, byte[] frame) {
  SpooledBatch {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(frame, "frame");
    if (seq < 0 || count < 0) {
      throw new IllegalArgumentException("seq and count are 0 or more, got " + seq + " and " + count);
    }
  }
}
