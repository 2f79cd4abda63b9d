package org.portscope.plugin.pcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.portscope.sensor.api.LinkType;
import org.portscope.sensor.api.RawFrame;

class PcapngFileReaderTest {
  private static final long SECONDS = 1_700_000_000L;

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"BIG_ENDIAN", "LITTLE_ENDIAN"})
  void readsEnhancedPacketsInEitherByteOrder(String endian) throws Exception {
    ByteOrder order = endian.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    byte[] a = Frames.bytes(1, 61);
    byte[] b = Frames.bytes(2, 1514);
    Path file = new PcapngBuilder().section(order).iface(LinkType.ETHERNET)
        .epb(0, SECONDS * 1_000_000 + 123_456, a).epb(0, SECONDS * 1_000_000 + 999_999, b, 4000)
        .write(dir.resolve("f.pcapng"));

    List<RawFrame> frames = Frames.readAll(file);

    assertEquals(2, frames.size());
    assertEquals(SECONDS * 1_000_000_000 + 123_456_000, frames.get(0).timestampNanos());
    assertEquals(SECONDS * 1_000_000_000 + 999_999_000, frames.get(1).timestampNanos());
    assertArrayEquals(a, frames.get(0).data());
    assertArrayEquals(b, frames.get(1).data());
    assertEquals(61, frames.get(0).wireLength());
    assertEquals(4000, frames.get(1).wireLength());
    assertEquals(LinkType.ETHERNET, frames.get(1).linkType());
  }

  @Test
  void honoursEachInterfacesTimestampResolutionAndOffset() throws Exception {
    Path file = new PcapngBuilder().section(ByteOrder.LITTLE_ENDIAN)
        .iface(LinkType.ETHERNET, 0, 9, 0)            // nanoseconds
        .iface(LinkType.ETHERNET, 0, 3, 0)            // milliseconds
        .iface(LinkType.ETHERNET, 0, 0x80 | 32, 0)    // 2^-32 s
        .iface(LinkType.ETHERNET, 0, 0x80 | 20, 0)    // 2^-20 s
        .iface(LinkType.ETHERNET, 0, 12, 0)           // picoseconds
        .iface(LinkType.ETHERNET, 0, -1, 3600)        // default microseconds, one hour offset
        .epb(0, SECONDS * 1_000_000_000 + 7, Frames.bytes(0, 20))
        .epb(1, SECONDS * 1_000 + 250, Frames.bytes(1, 20))
        .epb(2, (SECONDS << 32) | (1L << 31), Frames.bytes(2, 20))
        .epb(3, (SECONDS << 20) | 1, Frames.bytes(3, 20))
        .epb(4, 7_000_000_000_005_000L, Frames.bytes(4, 20))
        .epb(5, 42, Frames.bytes(5, 20))
        .write(dir.resolve("tsresol.pcapng"));

    List<RawFrame> frames = Frames.readAll(file);

    long base = SECONDS * 1_000_000_000;
    assertEquals(base + 7, frames.get(0).timestampNanos());
    assertEquals(base + 250_000_000, frames.get(1).timestampNanos());
    assertEquals(base + 500_000_000, frames.get(2).timestampNanos());
    assertEquals(base + 953, frames.get(3).timestampNanos(), "2^-20 s is 953.67 ns, rounded down");
    assertEquals(7_000_000_000_005L, frames.get(4).timestampNanos());
    assertEquals(3600L * 1_000_000_000 + 42_000, frames.get(5).timestampNanos());
  }

  @Test
  void interfacesWithDifferentLinkTypesAndEveryPacketBlockKind() throws Exception {
    byte[] eth = Frames.bytes(1, 64);
    byte[] raw = Frames.bytes(2, 40);
    byte[] sll = Frames.bytes(3, 52);
    byte[] simple = Frames.bytes(4, 100);
    Path file = new PcapngBuilder().section(ByteOrder.BIG_ENDIAN)
        .iface(LinkType.ETHERNET, 100, -1, 0)
        .iface(LinkType.RAW)
        .block(4, new byte[] {0, 0, 0, 0})                    // name resolution block: skipped
        .iface(LinkType.LINUX_SLL)
        .epb(1, 1_000_000, raw)
        .opb(2, 2_000_000, sll, 60)
        .block(5, new byte[20])                               // interface statistics: skipped
        .epb(0, 3_000_000, eth)
        .spb(simple, 1514)                                    // interface 0, cut at its snaplen 100
        .block(0x0000_0BAD, Frames.bytes(9, 33))              // custom block: skipped
        .write(dir.resolve("multi.pcapng"));

    List<RawFrame> frames = Frames.readAll(file);

    assertEquals(4, frames.size());
    assertEquals(LinkType.RAW, frames.get(0).linkType());
    assertArrayEquals(raw, frames.get(0).data());
    assertEquals(LinkType.LINUX_SLL, frames.get(1).linkType());
    assertArrayEquals(sll, frames.get(1).data());
    assertEquals(60, frames.get(1).wireLength());
    assertEquals(2_000_000_000L, frames.get(1).timestampNanos());
    assertEquals(LinkType.ETHERNET, frames.get(2).linkType());
    assertArrayEquals(eth, frames.get(2).data());
    RawFrame spb = frames.get(3);
    assertEquals(LinkType.ETHERNET, spb.linkType());
    assertArrayEquals(simple, spb.data());
    assertEquals(1514, spb.wireLength());
    assertEquals(3_000_000_000L, spb.timestampNanos(), "a simple packet has the last timestamp seen");
  }

  @Test
  void simplePacketIsCutAtTheInterfaceSnapLength() throws Exception {
    byte[] data = Frames.bytes(1, 64);
    Path file = new PcapngBuilder().section(ByteOrder.LITTLE_ENDIAN).iface(LinkType.ETHERNET, 50, -1, 0)
        .spb(data, 64).write(dir.resolve("spb.pcapng"));
    assertArrayEquals(Arrays.copyOf(data, 50), Frames.readAll(file).get(0).data());
  }

  @Test
  void aNewSectionMayChangeByteOrderAndStartsWithoutInterfaces() throws Exception {
    byte[] a = Frames.bytes(1, 30);
    byte[] b = Frames.bytes(2, 30);
    PcapngBuilder builder = new PcapngBuilder().section(ByteOrder.BIG_ENDIAN).iface(LinkType.ETHERNET)
        .epb(0, 1, a)
        .section(ByteOrder.LITTLE_ENDIAN).iface(LinkType.RAW).epb(0, 2, b);
    int damagedAt = builder.size();
    Path file = builder.epb(1, 3, a).write(dir.resolve("sections.pcapng"));

    List<RawFrame> frames = new ArrayList<>();
    CaptureFileException e = assertThrows(CaptureFileException.class,
        () -> Frames.readAll(file, Frames.FileInputBuffer.DEFAULT, frames));

    assertEquals(2, frames.size());
    assertEquals(LinkType.ETHERNET, frames.get(0).linkType());
    assertEquals(LinkType.RAW, frames.get(1).linkType());
    assertArrayEquals(b, frames.get(1).data());
    assertEquals(damagedAt, e.offset());
    assertTrue(e.getMessage().contains("refers to interface 1 but its section describes 1 interface(s)"),
        e.getMessage());
  }

  @Test
  void skipsUnknownBlocksLargerThanTheBuffer() throws Exception {
    byte[] data = Frames.bytes(1, 60);
    Path file = new PcapngBuilder().section(ByteOrder.LITTLE_ENDIAN).iface(LinkType.ETHERNET)
        .block(0x4000_0001, Frames.bytes(5, 100_000)).epb(0, 1, data)
        .write(dir.resolve("big-block.pcapng"));
    for (int size : new int[] {Frames.FileInputBuffer.TINY, 4096, Frames.FileInputBuffer.DEFAULT}) {
      List<RawFrame> frames = Frames.readAll(file, size, new ArrayList<>());
      assertEquals(1, frames.size());
      assertArrayEquals(data, frames.get(0).data());
    }
  }

  @Test
  void truncatedPacketBlockEndsWithAnErrorAfterTheEarlierFrames() throws Exception {
    PcapngBuilder builder = new PcapngBuilder().section(ByteOrder.BIG_ENDIAN).iface(LinkType.ETHERNET)
        .epb(0, 1, Frames.bytes(1, 60));
    int damagedAt = builder.size();
    builder.epb(0, 2, Frames.bytes(2, 60));
    Path file = Files.write(dir.resolve("cut.pcapng"), Arrays.copyOf(builder.bytes(), builder.size() - 10));

    List<RawFrame> delivered = new ArrayList<>();
    CaptureFileException e = assertThrows(CaptureFileException.class,
        () -> Frames.readAll(file, Frames.FileInputBuffer.DEFAULT, delivered));
    assertEquals(1, delivered.size());
    assertEquals(damagedAt, e.offset());
    assertTrue(e.getMessage().contains("enhanced packet block of 104 bytes is truncated: only 94 bytes"),
        e.getMessage());
  }

  @Test
  void mismatchedTrailingLengthIsCorruption() throws Exception {
    PcapngBuilder builder = new PcapngBuilder().section(ByteOrder.LITTLE_ENDIAN).iface(LinkType.ETHERNET);
    int damagedAt = builder.size();
    byte[] bytes = builder.epb(0, 1, Frames.bytes(1, 60)).bytes();
    bytes[bytes.length - 4] = 100;
    Path file = Files.write(dir.resolve("trailer.pcapng"), bytes);
    CaptureFileException e = assertThrows(CaptureFileException.class, () -> Frames.readAll(file));
    assertEquals(damagedAt, e.offset());
    assertTrue(e.getMessage().contains("starts with total length 104 but ends with 100"), e.getMessage());
  }

  @ParameterizedTest(name = "block type {0} with a {1}-byte body")
  @CsvSource({"3,0", "6,16", "2,16"})
  void packetBlocksTooShortForTheirFixedFieldsAreCorruptionNotACrash(int type, int body) throws Exception {
    PcapngBuilder builder = new PcapngBuilder().section(ByteOrder.LITTLE_ENDIAN).iface(LinkType.ETHERNET);
    int damagedAt = builder.size();
    Path file = builder.block(type, new byte[body]).write(dir.resolve("short.pcapng"));
    CaptureFileException e = assertThrows(CaptureFileException.class, () -> Frames.readAll(file));
    assertEquals(damagedAt, e.offset());
    assertTrue(e.getMessage().contains("has an invalid total length " + (12 + body)), e.getMessage());
  }

  @Test
  void invalidBlockLengthIsCorruption() throws Exception {
    PcapngBuilder builder = new PcapngBuilder().section(ByteOrder.BIG_ENDIAN).iface(LinkType.ETHERNET);
    int damagedAt = builder.size();
    byte[] bytes = builder.epb(0, 1, Frames.bytes(1, 60)).bytes();
    bytes[damagedAt + 7] = 103;
    Path file = Files.write(dir.resolve("length.pcapng"), bytes);
    CaptureFileException e = assertThrows(CaptureFileException.class, () -> Frames.readAll(file));
    assertEquals(damagedAt, e.offset());
    assertTrue(e.getMessage().contains("enhanced packet block has an invalid total length 103"), e.getMessage());
  }

  @Test
  void capturedLengthBeyondTheBlockIsCorruption() throws Exception {
    PcapngBuilder builder = new PcapngBuilder().section(ByteOrder.BIG_ENDIAN).iface(LinkType.ETHERNET);
    int damagedAt = builder.size();
    byte[] bytes = builder.epb(0, 1, Frames.bytes(1, 60)).bytes();
    bytes[damagedAt + 8 + 12 + 1] = 1; // captured length 60 + 65536
    Path file = Files.write(dir.resolve("caplen.pcapng"), bytes);
    CaptureFileException e = assertThrows(CaptureFileException.class, () -> Frames.readAll(file));
    assertEquals(damagedAt, e.offset());
    assertTrue(e.getMessage().contains("claims 65596 captured bytes but its body holds only 72"), e.getMessage());
  }

  @Test
  void badByteOrderMagicAndVersionAreErrors() throws Exception {
    byte[] bytes = new PcapngBuilder().section(ByteOrder.BIG_ENDIAN).bytes();
    bytes[8] = 0x55;
    Path magic = Files.write(dir.resolve("magic.pcapng"), bytes);
    CaptureFileException e = assertThrows(CaptureFileException.class, () -> Frames.readAll(magic));
    assertEquals(8, e.offset());
    assertTrue(e.getMessage().contains("byte-order magic 0x552b3c4d"), e.getMessage());

    bytes = new PcapngBuilder().section(ByteOrder.LITTLE_ENDIAN).bytes();
    bytes[12] = 2;
    Path version = Files.write(dir.resolve("version.pcapng"), bytes);
    e = assertThrows(CaptureFileException.class, () -> Frames.readAll(version));
    assertTrue(e.getMessage().contains("unsupported pcapng version 2.0"), e.getMessage());
  }

  @Test
  void optionRunningPastTheBlockAndUnsupportedResolutionAreErrors() throws Exception {
    PcapngBuilder builder = new PcapngBuilder().section(ByteOrder.LITTLE_ENDIAN);
    int idbAt = builder.size();
    byte[] bytes = builder.iface(LinkType.ETHERNET).bytes();
    bytes[idbAt + 16 + 2] = (byte) 200; // if_name length 8 -> 200
    Path option = Files.write(dir.resolve("option.pcapng"), bytes);
    CaptureFileException e = assertThrows(CaptureFileException.class, () -> Frames.readAll(option));
    assertEquals(idbAt + 16, e.offset());
    assertTrue(e.getMessage().contains("option 2 of the interface description block has length 200"), e.getMessage());

    Path resolution = new PcapngBuilder().section(ByteOrder.BIG_ENDIAN).iface(LinkType.ETHERNET, 0, 19, 0)
        .write(dir.resolve("tsresol.pcapng"));
    e = assertThrows(CaptureFileException.class, () -> Frames.readAll(resolution));
    assertTrue(e.getMessage().contains("if_tsresol 0x13: unsupported timestamp resolution 10^-19"), e.getMessage());
  }

  @Test
  void truncatedBlockHeaderAfterTheLastBlock() throws Exception {
    PcapngBuilder builder = new PcapngBuilder().section(ByteOrder.BIG_ENDIAN).iface(LinkType.ETHERNET)
        .epb(0, 1, Frames.bytes(1, 60));
    int damagedAt = builder.size();
    Path file = builder.raw(new byte[] {0, 0, 0, 6, 0}).write(dir.resolve("tail.pcapng"));
    List<RawFrame> delivered = new ArrayList<>();
    CaptureFileException e = assertThrows(CaptureFileException.class,
        () -> Frames.readAll(file, Frames.FileInputBuffer.DEFAULT, delivered));
    assertEquals(1, delivered.size());
    assertEquals(damagedAt, e.offset());
    assertTrue(e.getMessage().contains("truncated block header: 5 of 8 bytes"), e.getMessage());
  }
}
