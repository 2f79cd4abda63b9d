package org.portscope.plugin.pcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.portscope.sensor.api.LinkType;
import org.portscope.sensor.api.RawFrame;

/**
 * The readers against real tcpdump/libpcap: files tcpdump captured on loopback are read with the
 * same bytes and timestamps that {@code tcpdump -r} shows, and the files the unit tests' writers
 * make read the same in libpcap as in our readers. (tcpdump 4.99 cannot write pcapng, so the
 * pcapng side is checked in that second direction only.)
 */
class TcpdumpInteropIT {
  private static final int COUNT = 25;

  @TempDir Path dir;

  @BeforeEach
  void tcpdump() {
    Prerequisites.requireTool("/usr/bin/tcpdump", "tcpdump");
    Prerequisites.requireRoot();
  }

  @ParameterizedTest(name = "{0} timestamps")
  @ValueSource(strings = {"micro", "nano"})
  void readsWhatTcpdumpCapturedOnLoopback(String precision) throws Exception {
    Path file = dir.resolve("lo-" + precision + ".pcap");
    try (DatagramChannel receiver = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
         DatagramChannel sender = DatagramChannel.open()) {
      int port = ((InetSocketAddress) receiver.getLocalAddress()).getPort();
      // A small snap length: in immediate mode libpcap sizes ring slots by it, and on lo every
      // datagram takes two slots (sent and received), so the default leaves room for a dozen.
      Process tcpdump = new ProcessBuilder("tcpdump", "-i", "lo", "-s", "256", "-w", file.toString(), "-c",
          String.valueOf(COUNT), "-U", "--immediate-mode", "-Z", "root", "--time-stamp-precision=" + precision,
          "-n", "udp and dst port " + port).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      try {
        List<String> stderr = awaitListening(tcpdump);
        for (int i = 0; i < COUNT; i++) {
          sender.send(ByteBuffer.wrap(("tcpdump:" + i).getBytes(StandardCharsets.US_ASCII)),
              receiver.getLocalAddress());
        }
        assertTrue(tcpdump.waitFor(30, TimeUnit.SECONDS), "tcpdump did not stop after " + COUNT + " packets");
        assertEquals(0, tcpdump.exitValue(), "tcpdump: " + stderr);
      } finally {
        tcpdump.destroy();
      }
    }

    List<RawFrame> frames = Frames.readAll(file);
    List<TcpdumpOutput> expected = TcpdumpOutput.read(file);

    assertEquals(COUNT, frames.size());
    assertEquals(COUNT, expected.size());
    for (int i = 0; i < COUNT; i++) {
      RawFrame frame = frames.get(i);
      assertEquals(LinkType.ETHERNET, frame.linkType(), "loopback is DLT_EN10MB on Linux");
      assertEquals(expected.get(i).timestamp(), TcpdumpOutput.format(frame.timestampNanos()), "frame " + i);
      assertArrayEquals(expected.get(i).data(), frame.data(), "frame " + i);
      assertEquals(frame.data().length, frame.wireLength());
      assertEquals("tcpdump:" + i, Udp.of(frame).payload());
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"pcap-be-micro", "pcap-le-nano", "pcapng-be", "pcapng-le"})
  void libpcapReadsTheTestWritersFilesAsOurReadersDo(String kind) throws Exception {
    Path file = dir.resolve(kind);
    switch (kind) {
      case "pcap-be-micro" -> pcap(ByteOrder.BIG_ENDIAN, false).write(file);
      case "pcap-le-nano" -> pcap(ByteOrder.LITTLE_ENDIAN, true).write(file);
      case "pcapng-be" -> pcapng(ByteOrder.BIG_ENDIAN).write(file);
      default -> pcapng(ByteOrder.LITTLE_ENDIAN).write(file);
    }

    List<RawFrame> frames = Frames.readAll(file);
    List<TcpdumpOutput> expected = TcpdumpOutput.read(file);

    assertEquals(kind.startsWith("pcapng") ? 5 : 10, frames.size());
    assertEquals(frames.size(), expected.size(), "packets tcpdump -r shows");
    for (int i = 0; i < frames.size(); i++) {
      assertArrayEquals(expected.get(i).data(), frames.get(i).data(), kind + " frame " + i);
      if (!(kind.startsWith("pcapng") && i == frames.size() - 1)) { // a simple packet has no timestamp
        assertEquals(expected.get(i).timestamp(), TcpdumpOutput.format(frames.get(i).timestampNanos()),
            kind + " frame " + i);
      }
    }
  }

  private static PcapBuilder pcap(ByteOrder order, boolean nanos) {
    PcapBuilder builder = new PcapBuilder(order, nanos, LinkType.ETHERNET, 262144);
    for (int i = 0; i < 10; i++) {
      builder.record(1_700_000_000_123_456_789L + i * 1_001_001L, Frames.bytes(i, 14 + 20 * i));
    }
    return builder;
  }

  /** Three interfaces of one link type (libpcap refuses mixed ones) with different resolutions. */
  private static PcapngBuilder pcapng(ByteOrder order) {
    return new PcapngBuilder().section(order)
        .iface(LinkType.ETHERNET, 262144, -1, 0)
        .iface(LinkType.ETHERNET, 262144, 9, 0)
        .iface(LinkType.ETHERNET, 262144, 0x80 | 24, 0)
        .epb(0, 1_700_000_000_123_456L, Frames.bytes(1, 60))
        .block(5, new byte[16])
        .epb(1, 1_700_000_000_123_456_789L, Frames.bytes(2, 74), 1500)
        .epb(2, (1_700_000_000L << 24) | (1 << 23), Frames.bytes(3, 42))
        .opb(1, 1_700_000_001_000_000_001L, Frames.bytes(4, 54), 54)
        .spb(Frames.bytes(5, 66), 66);
  }

  /** Reads tcpdump's stderr up to its "listening on" line; the rest is drained in the background. */
  private static List<String> awaitListening(Process tcpdump) throws IOException {
    BufferedReader stderr = new BufferedReader(new InputStreamReader(tcpdump.getErrorStream(), StandardCharsets.UTF_8));
    List<String> lines = new ArrayList<>();
    String line;
    while ((line = stderr.readLine()) != null) {
      lines.add(line);
      if (line.contains("listening on")) {
        Thread drain = new Thread(() -> stderr.lines().forEach(l -> { }), "tcpdump-stderr");
        drain.setDaemon(true);
        drain.start();
        return lines;
      }
    }
    throw new IOException("tcpdump ended before listening: " + lines);
  }
}
