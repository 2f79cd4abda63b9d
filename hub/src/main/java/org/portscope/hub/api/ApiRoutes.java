package org.portscope.hub.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.portscope.hub.metrics.HubMetrics;
import org.portscope.hub.peer.Peer;
import org.portscope.hub.peer.PeerRegistry;
import org.portscope.hub.store.NodeActivity;
import org.portscope.hub.store.ObservationFilter;
import org.portscope.hub.store.ObservationStore;
import org.portscope.hub.store.PortCount;
import org.portscope.hub.store.SourcePrefix;
import org.portscope.hub.store.StoredObservation;
import org.portscope.hub.store.StoredSession;
import org.portscope.hub.store.Summary;
import org.portscope.hub.store.Timeseries;
import org.portscope.hub.store.Totals;
import org.portscope.sensor.api.wire.RefusalReason;

/** The bodies of the JSON endpoints; the README's "Hub API" section documents each answer. */
final class ApiRoutes {
  static final int MAX_OBSERVATIONS = 1000;
  static final int MAX_TOP = 100;
  static final int MAX_BUCKETS = 10_000;
  private static final Pattern BUCKET = Pattern.compile("(\\d{1,6})(s|m|h|d)");

  private final ObservationStore store;
  private final PeerRegistry peers;
  private final HubMetrics metrics;
  private final java.time.Clock clock;

  ApiRoutes(ObservationStore store, PeerRegistry peers, HubMetrics metrics, java.time.Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.peers = Objects.requireNonNull(peers, "peers");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  record SummaryAnswer(Instant generatedAt, Totals totals, List<Summary.Institution> institutions,
      Collector collector) {}

  record Collector(long batchesStored, long batchesDuplicate, long batchesRefused,
      long refusedUnknownPeer, long observationsStored, long connectionsOpen, long ingestQueue) {}

  Object summary(QueryParams q) throws BadRequestException {
    Instant now = clock.instant();
    Summary s = store.summary(Filters.of(q), now);
    long refused = 0;
    for (RefusalReason r : RefusalReason.values()) {
      refused += r == RefusalReason.NONE ? 0 : metrics.refusedCount(r);
    }
    return new SummaryAnswer(now, s.totals(), s.institutions(), new Collector(metrics.batchesStored.sum(),
        metrics.batchesDuplicate.sum(), refused, metrics.refusedCount(RefusalReason.UNKNOWN_PEER),
        metrics.observationsStored.sum(), metrics.connectionsOpen.get(), metrics.ingestQueued()));
  }

  record ObservationsAnswer(int limit, List<StoredObservation> observations) {}

  Object observations(QueryParams q) throws BadRequestException {
    int limit = q.limit(100, MAX_OBSERVATIONS);
    return new ObservationsAnswer(limit, store.observations(Filters.of(q), limit));
  }

  record SessionsAnswer(int limit, List<StoredSession> sessions) {}

  Object sessions(QueryParams q) throws BadRequestException {
    int limit = q.limit(100, MAX_OBSERVATIONS);
    return new SessionsAnswer(limit, store.sessions(Filters.of(q), limit));
  }

  record NodeAnswer(String name, String institution, String overlayAddress, boolean registered,
      Instant lastBatch, Long lastBatchAgeSeconds, long batches, long observations) {}

  record NodesAnswer(Instant generatedAt, List<NodeAnswer> nodes) {}

  Object nodes(QueryParams q) {
    Instant now = clock.instant();
    Map<String, NodeActivity> activity = new HashMap<>(store.nodeActivity());
    List<NodeAnswer> out = new ArrayList<>();
    for (Peer p : peers.all()) {
      out.add(node(p.name(), p.institution(), p.overlayAddress().toString(), true, activity.remove(p.name()), now));
    }
    // Nodes with stored batches that are no longer registered (offboarded, renamed).
    activity.values().forEach(a -> out.add(node(a.node(), a.institution(), null, false, a, now)));
    return new NodesAnswer(now, out);
  }

  private static NodeAnswer node(String name, String institution, String address, boolean registered,
      NodeActivity a, Instant now) {
    return new NodeAnswer(name, institution, address, registered, a == null ? null : a.lastBatch(),
        a == null ? null : Math.max(0, Duration.between(a.lastBatch(), now).toSeconds()),
        a == null ? 0 : a.batches(), a == null ? 0 : a.observations());
  }

  record TimeseriesAnswer(String bucket, long bucketSeconds, Instant from, Instant to,
      List<Timeseries.Bucket> buckets) {}

  Object timeseries(QueryParams q) throws BadRequestException {
    String bucketText = q.string("bucket") == null ? "1m" : q.string("bucket");
    Duration bucket = bucket(bucketText);
    ObservationFilter f = Filters.of(q);
    Instant to = f.to() != null ? f.to() : clock.instant();
    Instant from = f.from() != null ? f.from() : to.minus(Duration.ofHours(1));
    if (!from.isBefore(to)) {
      throw new BadRequestException("from", "from " + from + " is not before to " + to, "a time before to");
    }
    long buckets = Duration.between(from, to).toNanos() / bucket.toNanos() + 1;
    if (buckets > MAX_BUCKETS) {
      throw new BadRequestException("bucket", "bucket " + bucketText + " makes " + buckets
          + " buckets between from and to", "a wider bucket or a shorter range (at most " + MAX_BUCKETS + " buckets)");
    }
    Timeseries t = store.timeseries(f.withRange(from, to), bucket);
    return new TimeseriesAnswer(bucketText, bucket.toSeconds(), t.from(), t.to(), t.buckets());
  }

  private static Duration bucket(String text) throws BadRequestException {
    Matcher m = BUCKET.matcher(text);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      Duration d = switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
      if (!d.isZero() && d.compareTo(Duration.ofDays(31)) <= 0) {
        return d;
      }
    }
    throw new BadRequestException("bucket", "bucket is '" + text + "'",
        "a width from 1s to 31d such as 10s, 1m, 15m, 1h, 1d");
  }

  record PortsAnswer(List<PortCount> ports) {}

  Object topPorts(QueryParams q) throws BadRequestException {
    return new PortsAnswer(store.topPorts(Filters.of(q), q.limit(10, MAX_TOP)));
  }

  record SourcesAnswer(int ipv4PrefixLength, int ipv6PrefixLength, List<SourcePrefix> sources) {}

  Object topSources(QueryParams q) throws BadRequestException {
    return new SourcesAnswer(24, 48, store.topSources(Filters.of(q), q.limit(10, MAX_TOP)));
  }
}
