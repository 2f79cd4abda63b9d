package org.portscope.hub.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.portscope.hub.peer.Peer;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.wire.BatchId;

/**
 * Where the hub keeps observations: appending batches exactly once, the dashboard's queries, and
 * retention. Implementations are thread-safe; appends and deletes are serialized, queries run
 * concurrently with them and see committed batches only.
 */
public interface ObservationStore extends AutoCloseable {
  /**
   * Stores batches and records their ids, all in one transaction (group commit: one commit for
   * many batches when the hub is busy); a batch whose id is already recorded, also earlier in the
   * same list, is skipped. Returns only after the commit: a caller may acknowledge
   * {@link AppendResult#STORED} at once.
   *
   * @return one result per batch, in order
   * @throws StoreException when nothing could be committed (nothing of any batch is stored then)
   */
  List<AppendResult> appendAll(List<Batch> batches);

  /**
   * How many {@link #appendAll} calls the store runs at once; callers with more threads than this
   * only wait. Stores that say more than 1 must be safe for concurrent calls, including the same
   * batch in two calls: it is stored once, and the call that loses may fail as a whole.
   */
  default int concurrentAppends() {
    return 1;
  }

  /** {@link #appendAll} of one batch. */
  default AppendResult append(BatchId id, Peer peer, List<Observation> observations, Instant receivedAt) {
    return appendAll(List.of(new Batch(id, peer, observations, receivedAt))).get(0);
  }

  /**
   * Deletes observations captured before {@code cutoff}, and batch records received before it.
   *
   * @return the number of observations deleted
   */
  long deleteOlderThan(Instant cutoff);

  /** Totals overall, per institution and per node; live counters relative to {@code now}. */
  Summary summary(ObservationFilter filter, Instant now);

  /** The newest observations first, at most {@code limit}. */
  List<StoredObservation> observations(ObservationFilter filter, int limit);

  /**
   * The newest relayed connections (observations with a session) first, at most {@code limit}.
   *
   * @throws UnsupportedOperationException from a store that keeps no sessions (the default)
   */
  default List<StoredSession> sessions(ObservationFilter filter, int limit) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no sessions");
  }

  /**
   * Counts per bucket by kind and by tool.
   *
   * @param filter its {@code from} and {@code to} are required: they define the buckets
   */
  Timeseries timeseries(ObservationFilter filter, Duration bucket);

  /** The most targeted destination ports (ICMP has none and is left out). */
  List<PortCount> topPorts(ObservationFilter filter, int limit);

  /** The source prefixes (/24, /48) that sent the most. */
  List<SourcePrefix> topSources(ObservationFilter filter, int limit);

  /**
   * The sources scoring at least {@code minScore} within the filter, highest first, at most
   * {@code limit}: for blocklists. Backscatter and spoof-suspect observations are not counted (their
   * sources are victims or forged); sources under an address policy (key id {@code policy:…}) are
   * left out, as their addresses were truncated or dropped, not mapped one-to-one.
   *
   * @param keyId only sources anonymized under this key, or null for any (raw ones included)
   * @throws UnsupportedOperationException from a store that cannot rank sources (the default)
   */
  default List<ScoredSource> scoredSources(ObservationFilter filter, String keyId, SourceScore score,
      long minScore, int limit) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot rank sources for blocklists");
  }

  /** The batch ledger per node name. */
  Map<String, NodeActivity> nodeActivity();

  /** Whether the store answers a trivial query. */
  boolean healthy();

  @Override
  void close();
}
