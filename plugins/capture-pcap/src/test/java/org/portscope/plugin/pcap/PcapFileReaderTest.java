package org.portscope.plugin.pcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.portscope.sensor.api.LinkType;
import org.portscope.sensor.api.RawFrame;

class PcapFileReaderTest {
  private static final long T0 = 1_700_000_000_123_456_789L;

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} endian, nanos={1}")
  @CsvSource({"BIG,false", "BIG,true", "LITTLE,false", "LITTLE,true"})
  void readsBothByteOrdersAndPrecisions(String endian, boolean nanos) throws Exception {
    ByteOrder order = endian.equals("BIG") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    byte[] a = Frames.bytes(1, 60);
    byte[] b = Frames.bytes(2, 1514);
    byte[] c = Frames.bytes(3, 96);
    Path file = new PcapBuilder(order, nanos, LinkType.ETHERNET, 262144)
        .record(T0, a).record(T0 + 1_000, b).record(T0 + 2_000_000_000L, c, 9000).write(dir.resolve("f.pcap"));

    List<RawFrame> frames = Frames.readAll(file);

    assertEquals(3, frames.size());
    long precision = nanos ? 1 : 1000;
    assertEquals(T0 / precision * precision, frames.get(0).timestampNanos());
    assertEquals((T0 + 1_000) / precision * precision, frames.get(1).timestampNanos());
    assertEquals((T0 + 2_000_000_000L) / precision * precision, frames.get(2).timestampNanos());
    assertArrayEquals(a, frames.get(0).data());
    assertArrayEquals(b, frames.get(1).data());
    assertArrayEquals(c, frames.get(2).data());
    assertEquals(9000, frames.get(2).wireLength(), "wire length beyond the snap length");
    frames.forEach(f -> assertEquals(LinkType.ETHERNET, f.linkType()));
  }

  @Test
  void linkTypeIgnoresTheFcsBitsAboveTheLow16() throws Exception {
    Path file = new PcapBuilder(ByteOrder.LITTLE_ENDIAN, false, 0x1400_0000 | LinkType.LINUX_SLL, 65535)
        .record(T0, Frames.bytes(4, 40)).write(dir.resolve("sll.pcap"));
    try (PcapFileReader reader = PcapFileReader.open(file)) {
      assertEquals(LinkType.LINUX_SLL, reader.linkType());
      assertEquals(LinkType.LINUX_SLL, Frames.next(reader).linkType());
    }
  }

  @Test
  void headerOnlyFileHasNoFrames() throws Exception {
    Path file = new PcapBuilder(ByteOrder.BIG_ENDIAN, true, LinkType.RAW, 262144).write(dir.resolve("empty.pcap"));
    assertEquals(List.of(), Frames.readAll(file));
  }

  @Test
  void manyFramesAcrossBufferRefillsAndGrowth() throws Exception {
    Random random = new Random(7);
    PcapBuilder builder = new PcapBuilder(ByteOrder.LITTLE_ENDIAN, true, LinkType.ETHERNET, 262144);
    List<byte[]> sent = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      byte[] data = Frames.bytes(i, random.nextInt(i % 100 == 0 ? 70_000 : 200));
      sent.add(data);
      builder.record(T0 + i, data);
    }
    Path file = builder.write(dir.resolve("many.pcap"));
    for (int bufferSize : new int[] {Frames.FileInputBuffer.TINY, 4096, Frames.FileInputBuffer.DEFAULT}) {
      List<RawFrame> frames = Frames.readAll(file, bufferSize, new ArrayList<>());
      assertEquals(sent.size(), frames.size());
      for (int i = 0; i < sent.size(); i++) {
        assertArrayEquals(sent.get(i), frames.get(i).data(), "frame " + i + ", buffer " + bufferSize);
        assertEquals(T0 + i, frames.get(i).timestampNanos());
      }
    }
  }

  @Test
  void truncatedRecordDataEndsWithAnErrorAfterTheEarlierFrames() throws Exception {
    PcapBuilder builder = new PcapBuilder(ByteOrder.BIG_ENDIAN, false, LinkType.ETHERNET, 262144)
        .record(T0, Frames.bytes(1, 60)).record(T0, Frames.bytes(2, 60));
    int damagedAt = builder.size();
    builder.record(T0, Frames.bytes(3, 100));
    byte[] cut = Arrays.copyOf(builder.bytes(), builder.size() - 30);
    Path file = Files.write(dir.resolve("cut.pcap"), cut);

    List<RawFrame> delivered = new ArrayList<>();
    CaptureFileException e = assertThrows(CaptureFileException.class,
        () -> Frames.readAll(file, Frames.FileInputBuffer.DEFAULT, delivered));

    assertEquals(2, delivered.size());
    assertEquals(damagedAt, e.offset());
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("at byte offset " + damagedAt), e.getMessage());
    assertTrue(e.getMessage().contains("100 captured bytes announced but only 70"), e.getMessage());
  }

  @Test
  void truncatedRecordHeaderIsAnError() throws Exception {
    PcapBuilder builder = new PcapBuilder(ByteOrder.LITTLE_ENDIAN, true, LinkType.ETHERNET, 262144)
        .record(T0, Frames.bytes(1, 60));
    int damagedAt = builder.size();
    Path file = builder.raw(new byte[7]).write(dir.resolve("half-header.pcap"));

    List<RawFrame> delivered = new ArrayList<>();
    CaptureFileException e = assertThrows(CaptureFileException.class,
        () -> Frames.readAll(file, Frames.FileInputBuffer.DEFAULT, delivered));
    assertEquals(1, delivered.size());
    assertEquals(damagedAt, e.offset());
    assertTrue(e.getMessage().contains("truncated record header: 7 of 16 bytes"), e.getMessage());
  }

  @Test
  void absurdCapturedLengthIsCorruption() throws Exception {
    PcapBuilder builder = new PcapBuilder(ByteOrder.BIG_ENDIAN, false, LinkType.ETHERNET, 65535)
        .record(T0, Frames.bytes(1, 60));
    int damagedAt = builder.size();
    byte[] bytes = builder.record(T0, Frames.bytes(2, 60)).bytes();
    bytes[damagedAt + 8] = 0x7f; // captured length 0x7f00003c
    Path file = Files.write(dir.resolve("corrupt.pcap"), bytes);

    List<RawFrame> delivered = new ArrayList<>();
    CaptureFileException e = assertThrows(CaptureFileException.class,
        () -> Frames.readAll(file, Frames.FileInputBuffer.DEFAULT, delivered));
    assertEquals(1, delivered.size());
    assertEquals(damagedAt, e.offset());
    assertTrue(e.getMessage().contains("2130706492 captured bytes"), e.getMessage());
    assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
  }

  @Test
  void truncatedFileHeaderIsAnError() throws Exception {
    byte[] header = new PcapBuilder(ByteOrder.BIG_ENDIAN, false, LinkType.ETHERNET, 65535).bytes();
    Path file = Files.write(dir.resolve("short.pcap"), Arrays.copyOf(header, 10));
    CaptureFileException e = assertThrows(CaptureFileException.class, () -> Frames.readAll(file));
    assertEquals(0, e.offset());
    assertTrue(e.getMessage().contains("truncated pcap file header: 10 of 24 bytes"), e.getMessage());
  }

  @Test
  void unsupportedVersionIsAnError() throws Exception {
    byte[] bytes = new PcapBuilder(ByteOrder.BIG_ENDIAN, false, LinkType.ETHERNET, 65535).bytes();
    bytes[5] = 3;
    Path file = Files.write(dir.resolve("v3.pcap"), bytes);
    CaptureFileException e = assertThrows(CaptureFileException.class, () -> Frames.readAll(file));
    assertEquals(4, e.offset());
    assertTrue(e.getMessage().contains("unsupported pcap version 3.4"), e.getMessage());
  }

  @Test
  void somethingElseIsNotTakenForACaptureFile() throws Exception {
    Path file = Files.writeString(dir.resolve("notes.txt"), "hello, this is not a capture");
    CaptureFileException e = assertThrows(CaptureFileException.class, () -> CaptureFiles.open(file));
    assertEquals(0, e.offset());
    assertTrue(e.getMessage().contains("not a pcap or pcapng file: it starts with 0x68656c6c"), e.getMessage());
    Path tiny = Files.write(dir.resolve("tiny"), new byte[] {1, 2});
    assertInstanceOf(CaptureFileException.class, assertThrows(Exception.class, () -> CaptureFiles.open(tiny)));
  }
}
