package org.portscope.plugin.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.sensor.api.FrameSink;
import org.portscope.sensor.api.RawFrame;
import org.portscope.sensor.api.StageConfig;

/**
 * Reading speed on 2 million small frames through the whole source (reader, and a sink without
 * its own {@code lend}, so each frame is copied into a RawFrame and put), next to
 * {@code tcpdump -r FILE -w /dev/null} on the same file in the same run.
 * Figures are printed and kept in target/read-rate.txt.
 */
class FileReadRateIT {
  private static final int FRAMES = 2_000_000;
  private static final int FRAME_LENGTH = 60;
  private static final int RUNS = 3;

  @TempDir Path dir;

  @Test
  void pcapAndPcapngReadFasterThanLibpcap() throws Exception {
    Prerequisites.requireTool("/usr/bin/tcpdump", "tcpdump");
    List<String> report = new ArrayList<>();
    for (boolean pcapng : new boolean[] {false, true}) {
      Path file = pcapng ? writePcapng(dir.resolve("small.pcapng")) : writePcap(dir.resolve("small.pcap"));
      read(file); // warm-up: let the JIT compile the read path
      double ours = best(() -> read(file));
      double tcpdump = best(() -> tcpdump(file));
      String line = String.format("%s, %d frames of %d bytes, %d MB: capture-pcap %.2f M frames/s, "
          + "tcpdump -r -w /dev/null %.2f M frames/s, ratio %.2f (best of %d)", pcapng ? "pcapng" : "pcap",
          FRAMES, FRAME_LENGTH, Files.size(file) >> 20, FRAMES / ours / 1e6, FRAMES / tcpdump / 1e6,
          tcpdump / ours, RUNS);
      System.out.println("read rate: " + line);
      report.add(line);
      Files.delete(file);
      // Loose on purpose (shared CPUs); the figures themselves are the result.
      assertTrue(ours < tcpdump * 2, "capture-pcap much slower than libpcap: " + line);
    }
    Files.write(Path.of("target", "read-rate.txt"), report, StandardCharsets.UTF_8);
  }

  private interface Timed {
    void run() throws Exception;
  }

  /** The fastest of {@link #RUNS} runs, in seconds. */
  private static double best(Timed timed) throws Exception {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < RUNS; i++) {
      long start = System.nanoTime();
      timed.run();
      best = Math.min(best, System.nanoTime() - start);
    }
    return best / 1e9;
  }

  private void read(Path file) throws Exception {
    PcapCaptureSource source = new PcapCaptureSource();
    source.configure(new StageConfig("capture", Map.of("plugin", "capture-pcap", "file", file.toString())),
        new TestContext(dir));
    long[] counted = new long[2]; // frames, bytes: the sink runs on this thread
    source.run(new FrameSink() {
      @Override
      public boolean offer(RawFrame frame) {
        throw new AssertionError("a file source lends its frames");
      }

      @Override
      public void put(RawFrame frame) {
        throw new AssertionError("a file source lends its frames");
      }

      // What a replay's pipeline takes: each frame read in place, no copy of its own.
      @Override
      public void lend(long timestampNanos, int linkType, byte[] data, int length, int wireLength) {
        counted[0]++;
        counted[1] += length;
      }
    });
    source.close();
    assertEquals(FRAMES, counted[0]);
    assertEquals((long) FRAMES * FRAME_LENGTH, counted[1]);
  }

  private static void tcpdump(Path file) throws IOException, InterruptedException {
    String output = Cmd.run("tcpdump", "-r", file.toString(), "-w", "/dev/null");
    assertTrue(output.startsWith("reading from file"), output);
  }

  /** A TCP SYN in Ethernet/IPv4, 60 bytes with padding; the source port varies per frame. */
  private static void frame(ByteBuffer out, int i) {
    out.put(new byte[] {0, 0x16, 0x3e, 1, 2, 3, 0, 0x16, 0x3e, 4, 5, 6, 8, 0});
    out.put(new byte[] {0x45, 0, 0, 40, 0, 0, 0, 0, 64, 6, 0, 0, (byte) 198, 51, 100, 7, (byte) 192, 0, 2, 1});
    out.putShort((short) i).putShort((short) 443).putInt(i).putInt(0).put(new byte[] {0x50, 2, 4, 0, 0, 0, 0, 0});
    out.put(new byte[6]);
  }

  private static Path writePcap(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer out = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
      out.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(1);
      for (int i = 0; i < FRAMES; i++) {
        if (out.remaining() < 16 + FRAME_LENGTH) {
          drain(channel, out);
        }
        out.putInt(1_700_000_000 + i / 1_000_000).putInt(i % 1_000_000).putInt(FRAME_LENGTH).putInt(FRAME_LENGTH);
        frame(out, i);
      }
      drain(channel, out);
    }
    return file;
  }

  private static Path writePcapng(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer out = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
      out.putInt(0x0A0D0D0A).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1).putInt(28);
      out.putInt(1).putInt(20).putShort((short) 1).putShort((short) 0).putInt(262144).putInt(20);
      int blockLength = 32 + FRAME_LENGTH;
      for (int i = 0; i < FRAMES; i++) {
        if (out.remaining() < blockLength) {
          drain(channel, out);
        }
        long micros = 1_700_000_000_000_000L + i;
        out.putInt(6).putInt(blockLength).putInt(0).putInt((int) (micros >>> 32)).putInt((int) micros)
            .putInt(FRAME_LENGTH).putInt(FRAME_LENGTH);
        frame(out, i);
        out.putInt(blockLength);
      }
      drain(channel, out);
    }
    return file;
  }

  private static void drain(FileChannel channel, ByteBuffer out) throws IOException {
    out.flip();
    while (out.hasRemaining()) {
      channel.write(out);
    }
    out.clear();
  }
}
