package org.portscope.plugin.collector;

import org.portscope.sensor.api.Metrics;
import org.portscope.sensor.api.Metrics.Counter;

/**
 * The forwarder's counters, labelled with the forwarder's config path so that two collectors on
 * one sensor (two hubs) are told apart.
 */
final class CollectorMetrics {
  final Counter batchesSpooled;
  final Counter batchesSent;
  final Counter batchesStored;
  final Counter batchesDuplicate;
  final Counter batchesRefused;
  final Counter observationsSpooled;
  final Counter observationsForwarded;
  final Counter spoolDropped;
  final Counter spoolDroppedObservations;
  final Counter spoolCorrupt;
  final Counter spoolWriteLost;
  final Counter spoolBytesAdded;
  final Counter spoolBytesReleased;
  final Counter reconnects;

  CollectorMetrics(Metrics m, String forwarder) {
    batchesSpooled = c(m, forwarder, "batches_spooled", "Batches sealed and written to the spool");
    batchesSent = c(m, forwarder, "batches_sent", "Batches written to the hub (resends included)");
    batchesStored = c(m, forwarder, "batches_acked", "Batches the hub acknowledged as stored");
    batchesDuplicate = c(m, forwarder, "batches_duplicate",
        "Batches the hub already had (an acknowledgment was lost, the batch was resent)");
    batchesRefused = c(m, forwarder, "batches_refused", "Batches the hub refused (kept in spool/refused)");
    observationsSpooled = c(m, forwarder, "observations_spooled", "Observations written to the spool");
    observationsForwarded = c(m, forwarder, "observations_forwarded",
        "Observations in batches the hub acknowledged (stored or duplicate)");
    spoolDropped = c(m, forwarder, "spool_dropped", "Batches dropped, oldest first, because the spool was full");
    spoolDroppedObservations = c(m, forwarder, "spool_dropped_observations",
        "Observations in batches dropped because the spool was full");
    spoolCorrupt = c(m, forwarder, "spool_corrupt", "Spool files that did not read back (moved to spool/corrupt)");
    spoolWriteLost = c(m, forwarder, "spool_write_lost_observations",
        "Observations lost because their batch could not be written to the spool (disk full, I/O error)");
    spoolBytesAdded = c(m, forwarder, "spool_bytes_added",
        "Bytes written into the spool; minus spool_bytes_released it is the spool's size");
    spoolBytesReleased = c(m, forwarder, "spool_bytes_released",
        "Bytes leaving the spool (acknowledged, refused, dropped or corrupt)");
    reconnects = c(m, forwarder, "reconnects", "Connection attempts to the hub after the first");
  }

  private static Counter c(Metrics m, String forwarder, String what, String help) {
    return m.counter("portscope_collector_" + what + "_total", help, "forwarder", forwarder);
  }
}
