package org.portscope.plugin.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.plugin.pcap.CaptureSettings.LiveSettings;
import org.portscope.sensor.api.LinkType;
import org.portscope.sensor.api.RawFrame;
import org.portscope.sensor.api.StageConfig;

/**
 * Live capture on a veth between two network namespaces made for this run: exact counts of UDP
 * datagrams, the user filter, both directions, stop, drops and the errors an operator can meet.
 */
class LiveCaptureIT {
  private static final int COUNT = 1000;
  private static final int WINDOW = 10;
  private static final int PORT = 9999;
  private static final int FILTERED_PORT = 9998;
  private static VethPair pair;

  @TempDir Path dir;

  @BeforeAll
  static void namespaces() throws Exception {
    Prerequisites.requireRoot();
    Prerequisites.require(Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/usr/bin/ip")),
        "the ip command (Debian package iproute2)");
    Prerequisites.requireLibpcap();
    pair = VethPair.create('l');
  }

  @AfterAll
  static void removeNamespaces() {
    if (pair != null) {
      pair.close();
    }
  }

  private StageConfig config(Map<String, Object> values) {
    Map<String, Object> section = new HashMap<>(values);
    section.put("plugin", "capture-pcap");
    return new StageConfig("capture", section);
  }

  private RunningCapture start(String namespace, Map<String, Object> values) {
    return start(namespace, values, frame -> {});
  }

  private RunningCapture start(String namespace, Map<String, Object> values, Consumer<RawFrame> onFrame) {
    PcapCaptureSource source = new PcapCaptureSource();
    source.configure(config(values), new TestContext(dir));
    return new RunningCapture(namespace, source, onFrame);
  }

  @Test
  void everyDatagramArrivesOnceAsAnEthernetFrameWithFilterAndDirectionApplied() throws Exception {
    DatagramChannel fromB = NetNs.call(pair.namespaceB, () -> DatagramChannel.open()
        .bind(new InetSocketAddress(VethPair.ADDRESS_B, 0)));
    InetSocketAddress toA = new InetSocketAddress(VethPair.ADDRESS_A, PORT);
    try (fromB;
         RunningCapture inA = start(pair.namespaceA, Map.of("interface", pair.interfaceA,
             "filter", "udp dst port " + PORT));
         RunningCapture inoutB = start(pair.namespaceB, Map.of("interface", pair.interfaceB,
             "direction", "inout", "filter", "udp"));
         RunningCapture inB = start(pair.namespaceB, Map.of("interface", pair.interfaceB,
             "filter", "udp dst port " + PORT))) {
      List<RunningCapture> captures = List.of(inA, inoutB, inB);
      captures.forEach(RunningCapture::awaitCapturing);
      assertEquals(List.of(pair.interfaceA + " (ethernet, filter '(tcp or udp or icmp or icmp6) and "
          + "(udp dst port " + PORT + ")')"), inA.sink.capturing);
      assertEquals(List.of(pair.interfaceB + " (ethernet, filter '(tcp or udp or icmp or icmp6) and (udp)')"),
          inoutB.sink.capturing);

      long before = System.currentTimeMillis() * 1_000_000L;
      // Windows of datagrams, each sent once the previous one was captured: with immediate mode
      // libpcap sizes ring slots by snap length (a few dozen slots at the defaults on a veth), so
      // an unpaced burst overflows the ring; burstWithSmallSnaplen shows the remedy.
      Set<Integer> seenByA = inA.seen;
      for (int start = 0; start < COUNT; start += WINDOW) {
        for (int i = start; i < start + WINDOW; i++) {
          send(fromB, toA, "seq:" + i);
          send(fromB, new InetSocketAddress(VethPair.ADDRESS_A, FILTERED_PORT), "other:" + i);
        }
        seenByA = inA.awaitSequence(start + WINDOW);
        if (seenByA.size() < start + WINDOW || inoutB.awaitSequence(start + WINDOW).size() < start + WINDOW) {
          break;
        }
      }
      Set<Integer> seenByB = inoutB.awaitSequence(COUNT);
      long after = System.currentTimeMillis() * 1_000_000L + 1_000_000L;
      String diagnostics = "kernel drops a/in " + inA.source.kernelDrops() + ", b/inout "
          + inoutB.source.kernelDrops() + "\n" + Cmd.run("ip", "-n", pair.namespaceA, "-s", "link", "show", pair.interfaceA)
          + Cmd.run("ip", "-n", pair.namespaceB, "-s", "link", "show", pair.interfaceB);
      captures.forEach(RunningCapture::stopAndAwait);

      assertEquals(COUNT, seenByA.size(), "incoming datagrams seen on side a; " + diagnostics);
      assertEquals(COUNT, seenByB.size(), "outgoing datagrams seen on side b with direction inout; " + diagnostics);
      assertEquals(0, inB.count("seq:"), "direction in must not see side b's own datagrams");
      assertEquals(0, inA.count("other:"), "the user filter keeps port " + FILTERED_PORT + " out");
      assertEquals(COUNT, inA.count("seq:"), "no datagram arrived twice");
      for (RunningCapture capture : captures) {
        capture.frames.forEach(f -> assertEquals(LinkType.ETHERNET, f.linkType()));
        Set<byte[]> arrays = Collections.newSetFromMap(new IdentityHashMap<>());
        capture.frames.forEach(f -> arrays.add(f.data()));
        assertEquals(capture.frames.size(), arrays.size(), "each frame has its own array");
        assertEquals(0, capture.sink.put.size(), "a live source never calls put");
      }
      // The paced captures lost nothing; inB is not paced (its ring also holds the outgoing
      // datagrams that pcap_setdirection discards afterwards), so it may drop under load.
      assertEquals(0, inA.source.kernelDrops(), "kernel drops on side a");
      assertEquals(0, inoutB.source.kernelDrops(), "kernel drops on side b (inout)");
      List<RawFrame> seq = inA.frames.stream().filter(f -> Udp.of(f).payload().startsWith("seq:")).toList();
      seq.forEach(f -> assertTrue(f.timestampNanos() >= before - 1_000_000_000L && f.timestampNanos() <= after,
          "timestamp " + f.timestampNanos() + " outside the sending window"));
      assertTrue(seq.stream().anyMatch(f -> f.timestampNanos() % 1000 != 0), "nanosecond timestamps");
    }
  }

  @Test
  void burstWithSmallSnaplenIsCapturedWhole() throws Exception {
    int burst = 2 * COUNT;
    DatagramChannel fromB = NetNs.call(pair.namespaceB, () -> DatagramChannel.open()
        .bind(new InetSocketAddress(VethPair.ADDRESS_B, 0)));
    InetSocketAddress toA = new InetSocketAddress(VethPair.ADDRESS_A, PORT);
    try (fromB; RunningCapture inA = start(pair.namespaceA, Map.of("interface", pair.interfaceA, "snaplen", 128))) {
      inA.awaitCapturing();
      for (int i = 0; i < burst; i++) {
        send(fromB, toA, "seq:" + i);
      }
      Set<Integer> seen = inA.awaitSequence(burst);
      inA.stopAndAwait();
      assertEquals(burst, seen.size(), "kernel drops " + inA.source.kernelDrops() + ", first missing "
          + IntStream.range(0, burst).filter(i -> !seen.contains(i)).limit(10).boxed().toList());
      assertEquals(0, inA.source.kernelDrops());
      inA.frames.forEach(f -> assertTrue(f.data().length <= 128 && f.wireLength() >= f.data().length));
    }
  }

  @Test
  void stopBeforeRunMakesRunReturnAtOnce() throws Exception {
    PcapCaptureSource source = new PcapCaptureSource();
    source.configure(config(Map.of("interface", pair.interfaceA)), new TestContext(dir));
    source.stop();
    CollectingSink sink = new CollectingSink();
    NetNs.call(pair.namespaceA, () -> {
      source.run(sink);
      return null;
    });
    source.close();
    assertEquals(List.of(), sink.capturing, "no handle was opened");
    assertEquals(-1, source.kernelDrops());
  }

  @Test
  void aSinkThatFailsEndsRunWithItsException() throws Exception {
    DatagramChannel fromB = NetNs.call(pair.namespaceB, () -> DatagramChannel.open()
        .bind(new InetSocketAddress(VethPair.ADDRESS_B, 0)));
    IllegalStateException full = new IllegalStateException("pipeline broken");
    try (fromB; RunningCapture inA = start(pair.namespaceA, Map.of("interface", pair.interfaceA), frame -> {
      throw full;
    })) {
      inA.awaitCapturing();
      send(fromB, new InetSocketAddress(VethPair.ADDRESS_A, PORT), "boom");
      ExecutionException e = assertThrows(ExecutionException.class, () -> inA.running.get(10, TimeUnit.SECONDS));
      assertSame(full, e.getCause());
    }
  }

  @Test
  void linkTypeComesFromTheHandle() throws Exception {
    Cmd.run("ip", "-n", pair.namespaceA, "tuntap", "add", "dev", "pscaptun", "mode", "tun");
    Cmd.run("ip", "-n", pair.namespaceA, "link", "set", "pscaptun", "up");
    LiveSettings veth = new LiveSettings(pair.interfaceA, 262144, 1 << 20, "", CaptureSettings.Direction.IN,
        false, true);
    LiveSettings tun = new LiveSettings("pscaptun", 262144, 1 << 20, "", CaptureSettings.Direction.IN, false, true);
    assertEquals(LinkType.ETHERNET, (int) NetNs.call(pair.namespaceA, () -> {
      try (LiveCapture capture = LiveCapture.open(veth)) {
        assertTrue(capture.nanosecondTimestamps(), "libpcap grants nanosecond timestamps");
        assertEquals("tcp or udp or icmp or icmp6", capture.activeFilter());
        return capture.linkType();
      }
    }));
    assertEquals(LinkType.RAW_DLT, (int) NetNs.call(pair.namespaceA, () -> {
      try (LiveCapture capture = LiveCapture.open(tun)) {
        return capture.linkType();
      }
    }));
  }

  @Test
  void filterThatDoesNotFitTheLinkTypeNamesFilterAndLibpcapsMessage() throws Exception {
    Cmd.quietly("ip", "-n", pair.namespaceA, "tuntap", "add", "dev", "pscaptun", "mode", "tun");
    Cmd.run("ip", "-n", pair.namespaceA, "link", "set", "pscaptun", "up");
    PcapCaptureSource source = new PcapCaptureSource();
    source.configure(config(Map.of("interface", "pscaptun", "filter", "ether src 02:00:5e:00:53:02")),
        new TestContext(dir));
    IOException e = assertThrows(IOException.class, () -> NetNs.call(pair.namespaceA, () -> {
      source.run(new CollectingSink());
      return null;
    }));
    assertTrue(e.getMessage().startsWith("the filter 'ether src 02:00:5e:00:53:02' in BPF expression "
        + "'(tcp or udp or icmp or icmp6) and (ether src 02:00:5e:00:53:02)' does not compile on interface "
        + "'pscaptun' (link type 12): "), e.getMessage());
  }

  @Test
  void missingInterfaceIsNamedWithWhatIsWrong() throws Exception {
    PcapCaptureSource source = new PcapCaptureSource();
    source.configure(config(Map.of("interface", "pscapmissing")), new TestContext(dir));
    IOException e = assertThrows(IOException.class, () -> NetNs.call(pair.namespaceA, () -> {
      source.run(new CollectingSink());
      return null;
    }));
    assertTrue(e.getMessage().startsWith("capture on interface 'pscapmissing' cannot start: there is no "
        + "network interface of that name"), e.getMessage());
  }

  private static void send(DatagramChannel channel, InetSocketAddress to, String payload) {
    try {
      channel.send(ByteBuffer.wrap(payload.getBytes(StandardCharsets.US_ASCII)), to);
    } catch (IOException e) {
      throw new IllegalStateException("sending to " + to, e);
    }
  }
}
