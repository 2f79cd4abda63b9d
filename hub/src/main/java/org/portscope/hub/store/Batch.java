package org.portscope.hub.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.portscope.hub.peer.Peer;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.wire.BatchId;

/**
 * A decoded batch on its way into the store.
 *
 * @param peer the node it came from; its name and institution are stored with each row
 * @param receivedAt when the hub received it
 */
public record Batch(BatchId id, Peer peer, List<Observation> observations, Instant receivedAt) {
  public Batch {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(peer, "peer");
    Objects.requireNonNull(observations, "observations");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }
}
