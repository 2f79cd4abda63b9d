package org.portscope.plugin.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.sensor.api.wire.BatchMessage;
import org.portscope.sensor.api.wire.WireFrames;
import org.portscope.sensor.api.wire.ObservationCodec;

class SpoolWriterTest {
  @TempDir
  Path dir;

  private final TestMetrics metrics = new TestMetrics();
  private final CollectorMetrics counters = new CollectorMetrics(metrics, "forward[0]");

  private static Batcher.Encoded encoded(long... seqs) {
    ByteBuffer b = ByteBuffer.allocate(seqs.length * ObservationCodec.MAX_RECORD_BYTES);
    for (long s : seqs) {
      ObservationCodec.encode(Samples.syn(s), b);
    }
    return new Batcher.Encoded(java.util.Arrays.copyOf(b.array(), b.position()), seqs.length);
  }

  @Test
  void batchesAreSpooledInOrderAsFramesUnderFreshIdsAndTheSenderIsWoken() throws Exception {
    Spool spool = Spool.open(dir, 1 << 20, counters);
    AtomicInteger wakes = new AtomicInteger();
    try (SpoolWriter writer = new SpoolWriter("forward[0]", spool, counters, wakes::incrementAndGet)) {
      writer.submit(encoded(1, 2, 3));
      writer.submit(encoded(4));
    } // close writes what is queued
    assertEquals(2, wakes.get());
    assertEquals(4, metrics.value("observations_spooled"));
    SpooledBatch first = spool.next();
    SpooledBatch second = spool.next();
    BatchMessage m = (BatchMessage) WireFrames.decode(ByteBuffer.wrap(first.frame(), 4, first.frame().length - 4));
    assertEquals(first.id(), m.id());
    assertEquals(List.of(Samples.syn(1), Samples.syn(2), Samples.syn(3)), m.observations());
    assertEquals(1, second.count());
  }

  @Test
  void aBatchThatCannotBeWrittenIsCountedAsLostAndTheWriterGoesOn() throws Exception {
    Path spoolDir = dir.resolve("spool");
    Spool spool = Spool.open(spoolDir, 1 << 20, counters);
    try (SpoolWriter writer = new SpoolWriter("forward[0]", spool, counters, () -> { })) {
      Files.delete(spoolDir); // the disk went away under it
      writer.submit(encoded(1, 2));
      writer.close();
      assertEquals(2, metrics.value("spool_write_lost_observations"));
    }
    Files.createDirectories(spoolDir);
    try (SpoolWriter writer = new SpoolWriter("forward[0]", spool, counters, () -> { })) {
      writer.submit(encoded(3));
    }
    try (Stream<Path> files = Files.list(spoolDir)) {
      assertEquals(1, files.count());
    }
  }
}
