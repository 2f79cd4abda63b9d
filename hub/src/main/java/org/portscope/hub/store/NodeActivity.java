package org.portscope.hub.store;

import java.time.Instant;
import java.util.Objects;

/**
 * What the batch ledger says about one node (within retention).
 *
 * @param lastBatch when the hub stored its latest batch
 * @param batches how many batches it stored
 * @param observations how many observations those batches held
 */
public record NodeActivity(String node, String institution, Instant lastBatch, long batches,
    long observations) {
  public NodeActivity {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(institution, "institution");
    Objects.requireNonNull(lastBatch, "lastBatch");
  }
}
