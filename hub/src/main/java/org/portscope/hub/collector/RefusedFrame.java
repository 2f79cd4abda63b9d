package org.portscope.hub.collector;

import java.util.Objects;
import org.portscope.sensor.api.wire.BatchId;
import org.portscope.sensor.api.wire.RefusalReason;

/**
 * A BATCH frame whose id could be read but whose header could not (unknown version, limits): the
 * decoder passes it on so that the answer, a refusal, keeps its place in the ACK order.
 */
record RefusedFrame(BatchId batchId, RefusalReason reason, String detail) {
  RefusedFrame {
    Objects.requireNonNull(batchId, "batchId");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }
}
