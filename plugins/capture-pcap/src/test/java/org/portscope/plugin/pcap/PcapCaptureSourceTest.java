package org.portscope.plugin.pcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.sensor.api.ConfigException;
import org.portscope.sensor.api.LinkType;
import org.portscope.sensor.api.StageConfig;

class PcapCaptureSourceTest {
  @TempDir Path dir;

  private PcapCaptureSource configured(Map<String, Object> values) {
    Map<String, Object> section = new HashMap<>(values);
    section.put("plugin", "capture-pcap");
    PcapCaptureSource source = new PcapCaptureSource();
    source.configure(new StageConfig("capture", section), new TestContext(dir));
    return source;
  }

  private String configError(Map<String, Object> values) {
    return assertThrows(ConfigException.class, () -> configured(values)).getMessage();
  }

  private Path pcap(int frames, int length) throws Exception {
    PcapBuilder builder = new PcapBuilder(ByteOrder.LITTLE_ENDIAN, true, LinkType.ETHERNET, 262144);
    for (int i = 0; i < frames; i++) {
      builder.record(1_000_000_000L * i, Frames.bytes(i, length));
    }
    return builder.write(dir.resolve("in.pcap"));
  }

  @Test
  void fileIsReadWithPutAndIsNotLive() throws Exception {
    Path file = pcap(5, 80);
    PcapCaptureSource source = configured(Map.of("file", file.toString()));
    CollectingSink sink = new CollectingSink();
    source.run(sink);
    source.close();

    assertEquals(List.of(file + " (pcap, ethernet, nanosecond timestamps)"), sink.capturing);
    assertFalse(source.isLive());
    assertEquals(-1, source.kernelDrops());
    assertEquals(5, sink.put.size());
    assertEquals(0, sink.offered.size());
    assertArrayEquals(Frames.bytes(3, 80), sink.put.get(3).data());
  }

  @Test
  void snaplenCutsFileFramesButKeepsTheirWireLength() throws Exception {
    PcapCaptureSource source = configured(Map.of("file", pcap(2, 300).toString(), "snaplen", 64));
    CollectingSink sink = new CollectingSink();
    source.run(sink);
    assertArrayEquals(Arrays.copyOf(Frames.bytes(1, 300), 64), sink.put.get(1).data());
    assertEquals(300, sink.put.get(1).wireLength());
  }

  @Test
  void stopEndsAFileReadEarly() throws Exception {
    PcapCaptureSource source = configured(Map.of("file", pcap(100, 60).toString()));
    CollectingSink sink = new CollectingSink(frame -> {
      if (frame.timestampNanos() == 9_000_000_000L) {
        source.stop();
      }
    });
    source.run(sink);
    assertEquals(10, sink.put.size());

    PcapCaptureSource stoppedFirst = configured(Map.of("file", pcap(100, 60).toString()));
    stoppedFirst.stop();
    CollectingSink none = new CollectingSink();
    stoppedFirst.run(none);
    assertEquals(0, none.put.size());
  }

  @Test
  void corruptFileDeliversTheFramesBeforeTheDamageThenFails() throws Exception {
    byte[] whole = Files.readAllBytes(pcap(4, 100));
    Path cut = Files.write(dir.resolve("cut.pcap"), Arrays.copyOf(whole, whole.length - 50));
    PcapCaptureSource source = configured(Map.of("file", cut.toString()));
    CollectingSink sink = new CollectingSink();

    CaptureFileException e = assertThrows(CaptureFileException.class, () -> source.run(sink));

    assertEquals(3, sink.put.size());
    assertEquals(24 + 3 * 116, e.offset());
    assertTrue(e.getMessage().startsWith("capture file " + cut + ": at byte offset 372: truncated record"),
        e.getMessage());
  }

  @Test
  void aFileCutShortWhileMappedFailsWithAMessageNotACrash() throws Exception {
    Path file = pcap(20_000, 1_000); // 20 MB: more than one mapped window
    PcapCaptureSource source = configured(Map.of("file", file.toString()));
    CollectingSink sink = new CollectingSink(frame -> {
      if (frame.timestampNanos() == 10L * 1_000_000_000L) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
          ch.truncate(4096);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    });

    CaptureFileException e = assertThrows(CaptureFileException.class, () -> source.run(sink));

    assertTrue(e.getMessage().startsWith("capture file " + file + ": at byte offset ")
        && e.getMessage().contains(": the file was cut short while being read: it is now 4096 bytes long,"),
        e.getMessage());
    assertTrue(sink.put.size() >= 11, "frames before the cut were delivered: " + sink.put.size());
  }

  @Test
  void exactlyOneOfFileAndInterface() throws Exception {
    assertTrue(configError(Map.of()).contains("set exactly one of capture.file (read a pcap or pcapng file) "
        + "or capture.interface (capture live); neither is set"));
    assertTrue(configError(Map.of("file", pcap(1, 60).toString(), "interface", "eth0"))
        .endsWith("both are set"));
  }

  @Test
  void unknownKeysAndLiveOnlyKeysWithAFileAreRefused() throws Exception {
    String file = pcap(1, 60).toString();
    assertTrue(configError(Map.of("file", file, "snaplength", 100)).startsWith("capture.snaplength: unknown key"));
    assertEquals("capture.filter: applies to live capture (with capture.interface) only, not to reading "
        + "capture.file", configError(Map.of("file", file, "filter", "tcp")));
    assertTrue(configError(Map.of("file", file, "promiscuous", true)).startsWith("capture.promiscuous: applies"));
  }

  @Test
  void valuesAreChecked() throws Exception {
    assertEquals("capture.snaplen: '10' is not valid; expected an integer between 64 and 262144",
        configError(Map.of("interface", "eth0", "snaplen", 10)));
    assertTrue(configError(Map.of("interface", "eth0", "buffer", "4 parsecs"))
        .startsWith("capture.buffer: '4 parsecs' is not valid; expected a size"));
    assertEquals("capture.direction: 'out' is not valid; expected in or inout",
        configError(Map.of("interface", "eth0", "direction", "out")));
    assertEquals("capture.promiscuous: 'maybe' is not valid; expected true or false",
        configError(Map.of("interface", "eth0", "promiscuous", "maybe")));
    assertTrue(configError(Map.of("interface", "eth0 eth1"))
        .startsWith("capture.interface: 'eth0 eth1' is not valid; expected a network interface name"));
    assertTrue(configError(Map.of("interface", "eth0", "filter", "  "))
        .startsWith("capture.filter: '  ' is not valid; expected a BPF expression"));
    assertTrue(configError(Map.of("file", dir.resolve("missing.pcap").toString()))
        .startsWith("capture.file: '" + dir.resolve("missing.pcap") + "' is not valid; expected a readable"));
  }

  @Test
  void liveSettingsAndTheFilterTheyBuild() {
    CaptureSettings.LiveSettings defaults = (CaptureSettings.LiveSettings) CaptureSettings.from(
        new StageConfig("capture", Map.of("plugin", "capture-pcap", "interface", "eth0")));
    assertEquals(new CaptureSettings.LiveSettings("eth0", 256, 4 << 20, "", CaptureSettings.Direction.IN,
        false, true), defaults);
    assertEquals("tcp or udp or icmp or icmp6", defaults.bpfExpression());

    CaptureSettings.LiveSettings custom = (CaptureSettings.LiveSettings) CaptureSettings.from(new StageConfig(
        "capture", Map.of("plugin", "capture-pcap", "interface", "any", "buffer", "16MiB", "filter",
            "not net 192.0.2.0/24", "direction", "inout", "promiscuous", "yes", "immediate", false)));
    assertEquals(new CaptureSettings.LiveSettings("any", 256, 16 << 20, "not net 192.0.2.0/24",
        CaptureSettings.Direction.INOUT, true, false), custom);
    assertEquals("(tcp or udp or icmp or icmp6) and (not net 192.0.2.0/24)", custom.bpfExpression());
  }

  @Test
  void aFilterThatDoesNotCompileIsAConfigErrorWithLibpcapsMessage() {
    Prerequisites.requireLibpcap();
    String message = configError(Map.of("interface", "eth0", "filter", "port 80 and and"));
    assertTrue(message.startsWith("capture.filter: the filter 'port 80 and and' in BPF expression "
        + "'(tcp or udp or icmp or icmp6) and (port 80 and and)' does not compile for Ethernet: "), message);
    assertTrue(message.contains("syntax error"), message);

    PcapCaptureSource fine = configured(Map.of("interface", "eth0", "filter", "not port 22"));
    assertTrue(fine.isLive());
    fine.close();
  }
}
