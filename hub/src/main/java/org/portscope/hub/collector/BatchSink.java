package org.portscope.hub.collector;

import java.util.concurrent.CompletableFuture;
import org.portscope.hub.peer.Peer;
import org.portscope.sensor.api.wire.Ack;
import org.portscope.sensor.api.wire.BatchMessage;

/** Where the collector hands a batch from a known peer; the future completes with its final ACK. */
public interface BatchSink {
  /** Never blocks; the future completes (on any thread) only once the outcome is final. */
  CompletableFuture<Ack> submit(Peer peer, BatchMessage batch);
}
