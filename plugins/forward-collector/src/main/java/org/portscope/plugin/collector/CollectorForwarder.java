package org.portscope.plugin.collector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.random.RandomGenerator;
import org.pf4j.Extension;
import org.portscope.sensor.api.Forwarder;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.SensorContext;
import org.portscope.sensor.api.StageConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships observations to the hub's collector (the protocol of {@code org.portscope.sensor.api.wire})
 * in batches that are spooled to disk before they are sent and deleted only once the hub has
 * acknowledged them: nothing accepted is lost while the spool has room, across hub outages and
 * sensor restarts, and the hub stores each batch once.
 *
 * <p>Config: {@code hub} (HOST:PORT, the hub's overlay address, required), {@code batch-size}
 * (observations, default 16384), {@code batch-bytes} (encoded bytes, default 1MiB), {@code batch-age}
 * (default 1s), {@code spool-bytes} (default 256MiB; past it the oldest batch is dropped and
 * counted), {@code connect-timeout} (default 5s), {@code backoff-max} (default 30s),
 * {@code ack-timeout} (default 60s), {@code raw} (read by the host).
 *
 * <p>Threads: {@link #accept} and {@link #flush} run on the delivery thread and only encode records
 * into the open batch; a due batch is compressed and spooled on the {@link SpoolWriter}'s thread,
 * and sent from the {@link HubSender}'s event loop. Neither the network nor the disk is touched on
 * the delivery thread.
 */
@Extension
public final class CollectorForwarder implements Forwarder {
  private static final Logger LOG = LoggerFactory.getLogger(CollectorForwarder.class);

  private String name;
  private CollectorConfig config;
  private CollectorMetrics metrics;
  private Batcher batcher;
  private Spool spool;
  private HubSender sender;
  private SpoolWriter writer;

  @Override
  public void configure(StageConfig section, SensorContext context) {
    name = section.path();
    config = CollectorConfig.read(section);
    metrics = new CollectorMetrics(context.metrics(), name);
    Path dir = context.stateDir(name).resolve("spool");
    try {
      spool = Spool.open(dir, config.spoolBytes(), metrics);
    } catch (IOException e) {
      throw new UncheckedIOException(name + ": cannot open the spool in " + dir + ": " + e.getMessage(), e);
    }
    batcher = new Batcher(config.batchSize(), (int) config.batchBytes(), config.batchAge(), context.clock());
  }

  /** Starts the spool writer and the connection to the hub; spooled batches go first. */
  @Override
  public void start() {
    sender = new HubSender(name, config, spool, metrics, RandomGenerator.getDefault());
    writer = new SpoolWriter(name, spool, metrics, sender::wake);
    sender.start();
  }

  @Override
  public void accept(Observation observation) {
    if (batcher.add(observation) || batcher.aged()) {
      writer.submit(batcher.take());
    }
  }

  /** Seals the open batch once it is {@code batch-age} old; the host calls this when idle. */
  @Override
  public void flush() {
    if (batcher.aged()) {
      writer.submit(batcher.take());
    }
  }

  /**
   * Spools the open batch, gives a reachable hub up to {@code connect-timeout} to acknowledge what
   * is spooled, and closes. What is still spooled is sent after the next start.
   */
  @Override
  public void close() {
    if (writer == null) {
      return; // never started: nothing accepted, nothing to send
    }
    try {
      if (!batcher.isEmpty()) {
        writer.submit(batcher.take());
      }
      writer.close();
      if (!spool.awaitEmpty(config.connectTimeout(), sender::hubReachable)) {
        LOG.info("{}: {} batches ({} bytes) stay spooled in {} until the next start", name,
            spool.batches(), spool.bytes(), spool.dir());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      sender.close();
    }
  }
}
