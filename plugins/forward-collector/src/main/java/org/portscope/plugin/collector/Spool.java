package org.portscope.plugin.collector;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.portscope.sensor.api.wire.BatchId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batches written but not yet acknowledged, one file each in a folder, in the order they were
 * sealed. The delivery thread adds; the sender takes them in order, and removes each once the hub
 * has it. On open, the folder is rescanned: what a previous run left is sent first.
 *
 * <p>The spool is bounded: when a new batch takes it past its bound, the oldest batches not
 * currently on the wire are dropped and counted — never the new one. Files that do not read back
 * are moved to {@code corrupt/}, refused ones to {@code refused/}, so that an operator can look at
 * them; neither stops the forwarder.
 */
final class Spool {
  private static final Logger LOG = LoggerFactory.getLogger(Spool.class);

  private final Path dir;
  private final long bound;
  private final CollectorMetrics metrics;
  private final TreeMap<Long, SpoolFile.Header> entries = new TreeMap<>();
  private final SpoolAside aside;
  private long bytes;
  private long nextSeq;
  /** Entries up to here have been handed to the sender on the current connection. */
  private long cursor = -1;
  private long lastDropLog;

  private Spool(Path dir, long bound, CollectorMetrics metrics) {
    this.dir = dir;
    this.bound = bound;
    this.metrics = metrics;
    this.aside = new SpoolAside(dir);
  }

  /** Opens (and rescans) the spool in {@code dir}. */
  static Spool open(Path dir, long bound, CollectorMetrics metrics) throws IOException {
    Files.createDirectories(dir);
    Spool spool = new Spool(dir, bound, metrics);
    spool.scan();
    return spool;
  }

  private void scan() throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        if (name.startsWith(".") && name.endsWith(".tmp")) {
          Files.deleteIfExists(f); // a write that never completed was never in the spool
          continue;
        }
        long seq = SpoolFile.seqOf(f);
        if (seq < 0) {
          continue;
        }
        try {
          SpoolFile.Header h = SpoolFile.readHeader(f, seq);
          entries.put(seq, h);
          bytes += h.size();
          nextSeq = Math.max(nextSeq, seq + 1);
        } catch (IOException e) {
          corrupt(f, e);
        }
      }
    }
    metrics.spoolBytesAdded.add(bytes);
    if (!entries.isEmpty()) {
      LOG.info("spool {}: {} batches ({} bytes) left from an earlier run will be sent first", dir,
          entries.size(), bytes);
    }
  }

  /**
   * Writes a sealed batch durably and adds it to the spool, dropping the oldest batches if the spool
   * is over its bound. Called on the delivery thread.
   */
  SpooledBatch add(BatchId id, int count, byte[] frame) throws IOException {
    long seq;
    synchronized (this) {
      seq = nextSeq++;
    }
    SpooledBatch batch = new SpooledBatch(seq, id, count, frame);
    long size = SpoolFile.write(dir, batch);
    synchronized (this) {
      entries.put(seq, new SpoolFile.Header(seq, id, count, size));
      bytes += size;
      metrics.spoolBytesAdded.add(size);
      metrics.batchesSpooled.increment();
      metrics.observationsSpooled.add(count);
      enforceBound(seq);
    }
    return batch;
  }

  private void enforceBound(long newest) {
    while (bytes > bound) {
      Map.Entry<Long, SpoolFile.Header> oldest = entries.higherEntry(cursor);
      if (oldest == null || oldest.getKey() == newest) {
        return; // only batches on the wire (or the new one) are left; they go soon
      }
      SpoolFile.Header h = oldest.getValue();
      release(h.seq());
      delete(h.seq());
      metrics.spoolDropped.increment();
      metrics.spoolDroppedObservations.add(h.count());
      long now = System.nanoTime();
      if (lastDropLog == 0 || now - lastDropLog > 60_000_000_000L) { // a long outage drops often
        lastDropLog = now;
        LOG.warn("spool {} is full ({} bytes allowed): dropping the oldest batches ({} batches, {} "
            + "observations dropped so far)", dir, bound, metrics.spoolDropped.value(),
            metrics.spoolDroppedObservations.value());
      }
    }
  }

  /**
   * The oldest batch not yet handed out on the current connection, read back from disk, or null
   * when there is none. A file that does not read back is moved aside and the next one is tried.
   */
  SpooledBatch next() {
    while (true) {
      SpoolFile.Header h;
      synchronized (this) {
        Map.Entry<Long, SpoolFile.Header> e = entries.higherEntry(cursor);
        if (e == null) {
          return null;
        }
        h = e.getValue();
        cursor = h.seq();
      }
      Path f = dir.resolve(SpoolFile.name(h.seq()));
      try {
        return SpoolFile.read(f, h.seq());
      } catch (IOException e) {
        synchronized (this) {
          if (!entries.containsKey(h.seq())) {
            continue; // dropped for the bound while we were reading
          }
          release(h.seq());
        }
        corrupt(f, e);
      }
    }
  }

  /** The connection ended: whatever was handed out and not acknowledged is handed out again. */
  synchronized void rewind() {
    cursor = -1;
  }

  /** The hub has the batch (stored or duplicate): it leaves the spool. */
  void acknowledged(long seq) {
    synchronized (this) {
      if (release(seq) == null) {
        return;
      }
    }
    delete(seq);
  }

  /** The hub will never store the batch: it leaves the spool for {@code refused/}. */
  void refused(long seq, String reason) {
    synchronized (this) {
      if (release(seq) == null) {
        return;
      }
    }
    aside.move(dir.resolve(SpoolFile.name(seq)), "refused", reason);
  }

  private SpoolFile.Header release(long seq) {
    SpoolFile.Header h = entries.remove(seq);
    if (h != null) {
      bytes -= h.size();
      metrics.spoolBytesReleased.add(h.size());
      if (entries.isEmpty()) {
        notifyAll();
      }
    }
    return h;
  }

  private void corrupt(Path f, IOException e) {
    metrics.spoolCorrupt.increment();
    aside.move(f, "corrupt", e.getMessage());
  }

  private void delete(long seq) {
    try {
      Files.deleteIfExists(dir.resolve(SpoolFile.name(seq)));
    } catch (IOException e) {
      // Left behind, it is sent again after a restart and the hub answers DUPLICATE: no harm.
      LOG.warn("spool {}: cannot delete {}: {}", dir, SpoolFile.name(seq), e.toString());
    }
  }

  /**
   * Waits until every batch has left the spool, at most {@code timeout}, and only while
   * {@code hopeful} holds (it is checked again on {@link #wakeWaiters}); true if the spool is empty.
   */
  synchronized boolean awaitEmpty(Duration timeout, BooleanSupplier hopeful) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!entries.isEmpty() && hopeful.getAsBoolean()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return entries.isEmpty();
  }

  /** Makes {@link #awaitEmpty} look at its condition again. */
  synchronized void wakeWaiters() {
    notifyAll();
  }

  synchronized long bytes() {
    return bytes;
  }

  synchronized int batches() {
    return entries.size();
  }

  Path dir() {
    return dir;
  }

  /** Moves a file into a subfolder, for an operator to look at. */
  record SpoolAside(Path dir) {
    void move(Path file, String folder, String why) {
      try {
        Path target = Files.createDirectories(dir.resolve(folder)).resolve(file.getFileName());
        Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
        LOG.warn("spool {}: moved {} to {}/: {}", dir, file.getFileName(), folder, why);
      } catch (IOException e) {
        LOG.warn("spool {}: {} is {} ({}) and could not be moved aside: {}", dir, file.getFileName(),
            folder, why, e.toString());
      }
    }
  }
}
