package org.portscope.plugin.collector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.sensor.api.wire.BatchId;

class SpoolTest {
  @TempDir
  Path dir;

  private final TestMetrics metrics = new TestMetrics();

  private Spool open(long bound) throws IOException {
    return Spool.open(dir, bound, new CollectorMetrics(metrics, "forward[0]"));
  }

  private static byte[] frame(int size, int fill) {
    byte[] b = new byte[size];
    Arrays.fill(b, (byte) fill);
    return b;
  }

  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aBatchIsWholeUnderItsFinalNameWithNoTemporaryFileLeft() throws IOException {
    Spool spool = open(1 << 20);
    BatchId id = BatchId.random();
    spool.add(id, 7, frame(1000, 0x5A));

    assertEquals(List.of("0000000000000000.batch"), names());
    assertEquals(SpoolFile.HEADER + 1000, Files.size(dir.resolve("0000000000000000.batch")));
    SpooledBatch back = spool.next();
    assertEquals(id, back.id());
    assertEquals(7, back.count());
    assertArrayEquals(frame(1000, 0x5A), back.frame());
    assertNull(spool.next(), "one batch, handed out once per connection");
    assertEquals(SpoolFile.HEADER + 1000, metrics.value("spool_bytes_added"));
  }

  @Test
  void aRestartResumesWithTheSameIdsInTheSameOrderAndNeverReusesASequence() throws IOException {
    Spool first = open(1 << 20);
    List<BatchId> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ids.add(BatchId.random());
      first.add(ids.get(i), 10 + i, frame(100 + i, i));
    }
    first.acknowledged(first.next().seq()); // the hub has the first one
    Files.writeString(dir.resolve(".0000000000000009.batch.tmp"), "a write cut short by a crash");

    Spool second = open(1 << 20);
    assertEquals(3, second.batches());
    assertFalse(names().contains(".0000000000000009.batch.tmp"), "an unfinished write is not a batch");
    for (int i = 1; i < 4; i++) {
      SpooledBatch b = second.next();
      assertEquals(ids.get(i), b.id());
      assertEquals(10 + i, b.count());
      assertArrayEquals(frame(100 + i, i), b.frame());
    }
    SpooledBatch added = second.add(BatchId.random(), 1, frame(10, 9));
    assertEquals(4, added.seq(), "new batches sort after what the earlier run left");
  }

  @Test
  void rewindHandsOutEverythingUnacknowledgedAgainOldestFirst() throws IOException {
    Spool spool = open(1 << 20);
    for (int i = 0; i < 3; i++) {
      spool.add(BatchId.random(), 1, frame(10, i));
    }
    long a = spool.next().seq();
    long b = spool.next().seq();
    spool.acknowledged(b);
    spool.rewind();
    assertEquals(a, spool.next().seq());
    assertEquals(2, spool.next().seq());
    assertNull(spool.next());
  }

  @Test
  void overTheBoundTheOldestBatchesAreDroppedAndCountedNeverTheNewOne() throws IOException {
    int size = SpoolFile.HEADER + 1000;
    Spool spool = open(3L * size);
    List<BatchId> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(BatchId.random());
      spool.add(ids.get(i), 100, frame(1000, i));
    }
    assertEquals(2, metrics.value("spool_dropped"));
    assertEquals(200, metrics.value("spool_dropped_observations"));
    assertEquals(3L * size, spool.bytes());
    assertEquals(ids.get(2), spool.next().id(), "the two oldest went");
    assertEquals(List.of("0000000000000002.batch", "0000000000000003.batch", "0000000000000004.batch"), names());
    assertEquals(metrics.value("spool_bytes_added") - metrics.value("spool_bytes_released"), spool.bytes());
  }

  @Test
  void batchesOnTheWireAreNotDroppedForTheBound() throws IOException {
    int size = SpoolFile.HEADER + 1000;
    Spool spool = open(2L * size);
    spool.add(BatchId.random(), 1, frame(1000, 0));
    spool.add(BatchId.random(), 1, frame(1000, 1));
    SpooledBatch onTheWire = spool.next();
    spool.add(BatchId.random(), 1, frame(1000, 2));
    assertEquals(1, metrics.value("spool_dropped"));
    assertTrue(names().contains(SpoolFile.name(onTheWire.seq())), "its ACK may still come");
    assertFalse(names().contains(SpoolFile.name(1)));
  }

  @Test
  void damagedFilesAreMovedAsideAndCountedAndTheRestStillGoes() throws IOException {
    Spool first = open(1 << 20);
    BatchId good = BatchId.random();
    first.add(BatchId.random(), 1, frame(500, 1)); // seq 0: bit flip in the frame
    first.add(good, 2, frame(500, 2)); // seq 1: intact
    first.add(BatchId.random(), 3, frame(500, 3)); // seq 2: truncated
    Files.writeString(dir.resolve("0000000000000003.batch"), "not a batch at all");
    byte[] flipped = Files.readAllBytes(dir.resolve("0000000000000000.batch"));
    flipped[SpoolFile.HEADER + 10] ^= 1;
    Files.write(dir.resolve("0000000000000000.batch"), flipped);
    byte[] whole = Files.readAllBytes(dir.resolve("0000000000000002.batch"));
    Files.write(dir.resolve("0000000000000002.batch"), Arrays.copyOf(whole, whole.length - 7));

    Spool second = open(1 << 20);
    assertEquals(2, metrics.value("spool_corrupt"), "truncated and foreign files fail the header check");
    SpooledBatch next = second.next();
    assertEquals(good, next.id(), "the flipped bit is caught by the checksum when read");
    assertEquals(3, metrics.value("spool_corrupt"));
    assertNull(second.next());
    try (Stream<Path> aside = Files.list(dir.resolve("corrupt"))) {
      assertEquals(3, aside.count());
    }
  }

  @Test
  void aRefusedBatchLeavesTheSpoolForTheRefusedFolder() throws IOException {
    Spool spool = open(1 << 20);
    spool.add(BatchId.random(), 4, frame(50, 1));
    SpooledBatch b = spool.next();
    spool.refused(b.seq(), "MALFORMED: test");
    assertEquals(0, spool.batches());
    assertEquals(0, spool.bytes());
    assertTrue(Files.exists(dir.resolve("refused").resolve(SpoolFile.name(b.seq()))));
    assertEquals(List.of("refused"), names());
  }
}
