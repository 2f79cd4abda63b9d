package org.portscope.sensor.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.portscope.sensor.api.Anonymizer;
import org.portscope.sensor.api.Forwarder;
import org.portscope.sensor.api.IpAddress;
import org.portscope.sensor.api.LinkType;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.PortRanges;
import org.portscope.sensor.api.RawFrame;
import org.portscope.sensor.api.SensorContext;
import org.portscope.sensor.api.StageConfig;
import org.portscope.sensor.api.TrafficKind;
import org.portscope.sensor.core.config.Cidr;
import org.portscope.sensor.core.fingerprint.Fingerprinter;
import org.portscope.sensor.core.metrics.MetricsRegistry;

class PacketPipelineTest {
  private static final String NODE = "192.0.2.10";
  private final MetricsRegistry metrics = new MetricsRegistry();
  private final Recording rawSink = new Recording();
  private final Recording anonSink = new Recording();

  /** Maps every address into 10.255.0.0/16, keeping the low 16 bits, under key id "test-key". */
  private static final class MaskingAnonymizer implements Anonymizer {
    boolean fail;

    public void configure(StageConfig c, SensorContext ctx) {}

    public Observation anonymize(Observation o) {
      if (fail) {
        throw new IllegalStateException("boom " + o.src());
      }
      return o.withAnonymizedAddresses(mask(o.src()), mask(o.dst()), "test-key");
    }

    private static IpAddress mask(IpAddress a) {
      return IpAddress.ofV4(0x0AFF0000 | (a.v4() & 0xFFFF));
    }

    public void close() {}
  }

  private static final class Recording implements Forwarder {
    final List<Observation> seen = new ArrayList<>();
    int flushes;

    public void configure(StageConfig c, SensorContext ctx) {}

    public void accept(Observation o) {
      seen.add(o);
    }

    public void flush() {
      flushes++;
    }

    public void close() {}
  }

  private final TrafficFilter filter = new TrafficFilter(new LocalAddresses(List.of(Cidr.parse(NODE + "/32"))));

  private PacketPipeline pipeline(Anonymizer anonymizer) {
    Delivery delivery = new Delivery(anonymizer,
        List.of(new ForwardingStage("raw-sink", true, rawSink, metrics),
            new ForwardingStage("anon-sink", false, anonSink, metrics)), metrics);
    return new PacketPipeline("n1", filter,
        new FingerprintStage(new Fingerprinter(1000), delivery, metrics), metrics, description -> {});
  }

  /** A raw-IP IPv4 TCP segment with no options. */
  static RawFrame tcp(String src, String dst, int sport, int dport, int flags) {
    byte[] b = new byte[40];
    b[0] = 0x45;
    b[3] = 40;
    b[8] = 64;
    b[9] = 6;
    System.arraycopy(IpAddress.parse(src).toBytes(), 0, b, 12, 4);
    System.arraycopy(IpAddress.parse(dst).toBytes(), 0, b, 16, 4);
    b[20] = (byte) (sport >> 8);
    b[21] = (byte) sport;
    b[22] = (byte) (dport >> 8);
    b[23] = (byte) dport;
    b[32] = 0x50;
    b[33] = (byte) flags;
    b[34] = 0x04; // window 1024
    return new RawFrame(1_000_000_000L, LinkType.RAW, b);
  }

  @Test
  void noRawAddressReachesAForwarderThatIsNotMarkedRaw() {
    PacketPipeline p = pipeline(new MaskingAnonymizer());
    for (int i = 0; i < 100; i++) {
      p.put(tcp("198.51.100." + i, NODE, 40000 + i, 23 + i, 0x02));
    }
    p.flush();
    assertEquals(100, rawSink.seen.size());
    assertEquals(100, anonSink.seen.size());
    for (Observation o : rawSink.seen) {
      assertTrue(o.isRaw());
    }
    for (Observation o : anonSink.seen) {
      assertFalse(o.isRaw());
      assertEquals("test-key", o.anonKeyId());
      assertTrue(o.src().toString().startsWith("10.255."), o.src().toString());
      assertTrue(o.dst().toString().startsWith("10.255."), o.dst().toString());
    }
    assertEquals(1, anonSink.flushes);
  }

  @Test
  void aFailingAnonymizerWithholdsTheObservationInsteadOfLeakingIt() {
    MaskingAnonymizer anonymizer = new MaskingAnonymizer();
    anonymizer.fail = true;
    PacketPipeline p = pipeline(anonymizer);
    p.put(tcp("198.51.100.1", NODE, 40000, 23, 0x02));
    assertEquals(1, rawSink.seen.size());
    assertEquals(0, anonSink.seen.size());
    assertEquals(1L, metrics.snapshot().get("portscope_anonymizer_errors_total"));
  }

  @Test
  void outboundAndGarbageAreCountedNotForwarded() {
    PacketPipeline p = pipeline(new MaskingAnonymizer());
    p.put(tcp(NODE, "198.51.100.1", 23, 40000, 0x14));
    p.put(new RawFrame(0, LinkType.RAW, new byte[] {0x45, 0, 0}));
    p.put(new RawFrame(0, 9999, new byte[20]));
    assertEquals(0, rawSink.seen.size());
    var counters = metrics.snapshot();
    assertEquals(3L, counters.get("portscope_capture_frames_total"));
    assertEquals(1L, counters.get("portscope_filter_skipped_total{reason=\"outbound\"}"));
    long malformed = counters.entrySet().stream()
        .filter(e -> e.getKey().startsWith("portscope_decoder_malformed_total"))
        .mapToLong(e -> e.getValue()).sum();
    assertEquals(2, malformed);
  }

  @Test
  void backscatterToTheListenerRangeIsRecordedAsBackscatterAndTheSessionIsNot() {
    filter.setListenerPorts(PortSet.of(PortRanges.parse(List.of("10000-10100"))));
    PacketPipeline p = pipeline(new MaskingAnonymizer());
    p.put(tcp("203.0.113.5", NODE, 80, 10080, 0x12)); // SYN-ACK from a spoofed attack's victim
    p.put(tcp("203.0.113.5", NODE, 80, 10081, 0x04)); // RST
    p.put(tcp("198.51.100.1", NODE, 40000, 10022, 0x02)); // a probe, then a whole connection
    p.put(tcp(NODE, "198.51.100.1", 10022, 40000, 0x12));
    p.put(tcp("198.51.100.1", NODE, 40000, 10022, 0x10));
    p.put(tcp("198.51.100.1", NODE, 40000, 10022, 0x18));
    p.flush();
    assertEquals(List.of(10080, 10081, 10022), rawSink.seen.stream().map(Observation::dstPort).toList());
    assertEquals(TrafficKind.BACKSCATTER, rawSink.seen.get(0).fingerprint().kind());
    assertEquals(TrafficKind.BACKSCATTER, rawSink.seen.get(1).fingerprint().kind());
    assertEquals(TrafficKind.PROBE, rawSink.seen.get(2).fingerprint().kind());
    assertEquals(2L, metrics.snapshot().get("portscope_filter_skipped_total{reason=\"listener\"}"));
  }
}
