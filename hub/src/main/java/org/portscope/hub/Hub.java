package org.portscope.hub;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.portscope.hub.api.ApiServer;
import org.portscope.hub.collector.CollectorServer;
import org.portscope.hub.collector.Ingestor;
import org.portscope.hub.config.HubConfig;
import org.portscope.hub.honeypot.HoneypotServer;
import org.portscope.hub.metrics.HubMetrics;
import org.portscope.hub.peer.PeerRegistry;
import org.portscope.hub.peer.PeersFile;
import org.portscope.hub.store.DuckDbStore;
import org.portscope.hub.store.ObservationStore;
import org.portscope.hub.web.WebHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running hub: store, peer registry, collector, API, and the periodic jobs (retention, peers file
 * refresh). {@link #close} stops them in the order that loses nothing: no new batches, finish the
 * batches in hand, then close the store.
 */
public final class Hub implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Hub.class);

  private final ObservationStore store;
  private final Ingestor ingestor;
  private final CollectorServer collector;
  private final ApiServer api;
  private final ScheduledExecutorService jobs;
  private HoneypotServer honeypot;

  private Hub(ObservationStore store, Ingestor ingestor, CollectorServer collector, ApiServer api,
      ScheduledExecutorService jobs) {
    this.store = store;
    this.ingestor = ingestor;
    this.collector = collector;
    this.api = api;
    this.jobs = jobs;
  }

  /** Opens the store, loads the peers and starts listening; fails with a message naming what is wrong. */
  public static Hub start(HubConfig config, Clock clock) {
    return start(config, clock, PeersFile.load(Objects.requireNonNull(config, "config").peersFile()), null);
  }

  /**
   * As {@link #start(HubConfig, Clock)} with the peers file already loaded and, when not null,
   * the nodes that enrolled themselves as further peers.
   */
  public static Hub start(HubConfig config, Clock clock, PeersFile peersFile, PeerRegistry enrolled) {
    Objects.requireNonNull(config, "config");
    HubMetrics metrics = new HubMetrics();
    PeersFile file = Objects.requireNonNull(peersFile, "peersFile");
    PeerRegistry peers = enrolled == null ? file : PeerRegistry.union(file, enrolled);
    DuckDbStore store = DuckDbStore.open(config.storePath(), config.memoryLimit(), 4);
    Ingestor ingestor = new Ingestor(store, clock, metrics);
    CollectorServer collector = null;
    ApiServer api = null;
    try {
      collector = CollectorServer.start(config.collectorListen(), peers, file::refresh, ingestor, metrics);
      CollectorServer c = collector;
      api = ApiServer.start(config.apiListen(), store, peers, metrics, clock, c::isListening);
      api.route("/", WebHandler.dashboard());
    } catch (RuntimeException e) {
      if (collector != null) {
        collector.close();
      }
      ingestor.close();
      store.close();
      throw e;
    }
    // Two threads: a long rollup recount (every day dirty after an upgrade) must not hold up the
    // peers file refresh, which decides whose batches are accepted.
    ScheduledExecutorService jobs = Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "hub-jobs");
      t.setDaemon(true);
      return t;
    });
    long refresh = config.peersRefresh().toMillis();
    jobs.scheduleWithFixedDelay(file::refresh, refresh, refresh, TimeUnit.MILLISECONDS);
    long every = config.retentionInterval().toMillis();
    jobs.scheduleWithFixedDelay(() -> retention(store, clock, config, metrics), 0, every, TimeUnit.MILLISECONDS);
    jobs.scheduleWithFixedDelay(() -> recountRollups(store), ROLLUP_RECOUNT_SECONDS, ROLLUP_RECOUNT_SECONDS,
        TimeUnit.SECONDS);
    LOG.info("hub up: collector on {}, API on {}, store {}, {} peers", collector.address(), api.address(),
        config.storePath(), peers.all().size());
    Hub hub = new Hub(store, ingestor, collector, api, jobs);
    if (config.honeypot() != null) {
      try {
        hub.honeypot = HoneypotServer.start(config.honeypot());
      } catch (RuntimeException e) {
        hub.close();
        throw e;
      }
      metrics.include(hub.honeypot.metrics()::prometheus);
    }
    return hub;
  }

  /**
   * Days written to since their last recount are read raw by the dashboard's long-window queries
   * until then: a minute keeps that to about the current day.
   */
  private static final long ROLLUP_RECOUNT_SECONDS = 60;

  private static void recountRollups(DuckDbStore store) {
    try {
      store.recountRollups();
    } catch (RuntimeException e) {
      LOG.warn("rollup recount failed, will retry: {}", e.getMessage());
    }
  }

  private static void retention(ObservationStore store, Clock clock, HubConfig config, HubMetrics metrics) {
    Instant cutoff = clock.instant().minus(config.retention());
    try {
      long deleted = store.deleteOlderThan(cutoff);
      metrics.retentionDeleted.add(deleted);
      if (deleted > 0) {
        LOG.info("retention: deleted {} observations captured before {}", deleted, cutoff);
      }
    } catch (RuntimeException e) {
      LOG.warn("retention delete failed, will retry: {}", e.getMessage());
    }
  }

  public CollectorServer collector() {
    return collector;
  }

  public ApiServer api() {
    return api;
  }

  /** The hub's own honeypot, or null when the config turns it off. */
  public HoneypotServer honeypot() {
    return honeypot;
  }

  @Override
  public void close() {
    if (honeypot != null) {
      honeypot.close();
    }
    jobs.shutdownNow();
    collector.close();
    ingestor.close();
    api.close();
    store.close();
    LOG.info("hub stopped");
  }
}
