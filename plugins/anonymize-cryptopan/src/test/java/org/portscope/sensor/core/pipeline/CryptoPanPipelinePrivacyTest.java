package org.portscope.sensor.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portscope.plugin.cryptopan.CryptoPan;
import org.portscope.plugin.cryptopan.CryptoPanAnonymizer;
import org.portscope.sensor.api.Forwarder;
import org.portscope.sensor.api.IpAddress;
import org.portscope.sensor.api.LinkType;
import org.portscope.sensor.api.Metrics;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.RawFrame;
import org.portscope.sensor.api.SensorContext;
import org.portscope.sensor.api.StageConfig;
import org.portscope.sensor.core.config.Cidr;
import org.portscope.sensor.core.fingerprint.Fingerprinter;
import org.portscope.sensor.core.metrics.MetricsRegistry;

/**
 * The host's pipeline with the real anonymize-cryptopan stage: no address seen on the wire
 * reaches a forwarder that is not marked raw, for IPv4 and IPv6. (In the host's package, since
 * the pipeline is wired there.)
 */
class CryptoPanPipelinePrivacyTest {
  private static final String NODE4 = "192.0.2.10";
  private static final String NODE6 = "2001:db8::10";

  @TempDir
  Path dir;
  private final MetricsRegistry metrics = new MetricsRegistry();
  private final Recording rawSink = new Recording();
  private final Recording anonSink = new Recording();

  private static final class Recording implements Forwarder {
    final List<Observation> seen = new ArrayList<>();

    public void configure(StageConfig c, SensorContext ctx) {}

    public void accept(Observation o) {
      seen.add(o);
    }

    public void flush() {}

    public void close() {}
  }

  private final SensorContext ctx = new SensorContext() {
    public String nodeId() {
      return "n1";
    }

    public InstantSource clock() {
      return InstantSource.system();
    }

    public Metrics metrics() {
      return metrics;
    }

    public Path stateDir(String name) {
      return dir;
    }
  };

  @Test
  void noWireAddressReachesAForwarderThatIsNotMarkedRaw() throws Exception {
    byte[] key = new byte[32];
    new Random(3).nextBytes(key);
    Path keyFile = dir.resolve("anon.key");
    Files.writeString(keyFile, HexFormat.of().formatHex(key) + "\n");
    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
    CryptoPanAnonymizer anonymizer = new CryptoPanAnonymizer();
    anonymizer.configure(new StageConfig("anonymize", Map.of("plugin", "anonymize-cryptopan",
        "key-file", keyFile.toString(), "key-id", "inst-1")), ctx);

    TrafficFilter filter = new TrafficFilter(new LocalAddresses(List.of(
        Cidr.parse(NODE4 + "/32"), Cidr.parse(NODE6 + "/128"))));
    Delivery delivery = new Delivery(anonymizer,
        List.of(new ForwardingStage("raw-sink", true, rawSink, metrics),
            new ForwardingStage("anon-sink", false, anonSink, metrics)), metrics);
    PacketPipeline p = new PacketPipeline("n1", filter,
        new FingerprintStage(new Fingerprinter(1000), delivery, metrics), metrics, description -> {});
    Set<IpAddress> wire = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      String src4 = "198.51.100." + (i % 256);
      String src6 = "2001:db8:ffff::" + Integer.toHexString(i + 1);
      p.put(frame(IpAddress.parse(src4), IpAddress.parse(NODE4), 40000 + i, 23 + i));
      p.put(frame(IpAddress.parse(src6), IpAddress.parse(NODE6), 40000 + i, 23 + i));
      wire.addAll(List.of(IpAddress.parse(src4), IpAddress.parse(src6)));
    }
    wire.addAll(List.of(IpAddress.parse(NODE4), IpAddress.parse(NODE6)));
    p.flush();
    anonymizer.close();

    assertEquals(400, rawSink.seen.size());
    assertEquals(400, anonSink.seen.size());
    CryptoPan pan = new CryptoPan(key);
    for (int i = 0; i < 400; i++) {
      Observation raw = rawSink.seen.get(i);
      Observation anon = anonSink.seen.get(i);
      assertTrue(raw.isRaw());
      assertFalse(anon.isRaw());
      assertEquals("inst-1", anon.anonKeyId());
      assertFalse(wire.contains(anon.src()), "wire address " + anon.src() + " leaked");
      assertFalse(wire.contains(anon.dst()), "wire address " + anon.dst() + " leaked");
      assertEquals(pan.anonymize(raw.src()), anon.src());
      assertEquals(pan.anonymize(raw.dst()), anon.dst());
      assertEquals(raw.dstPort(), anon.dstPort());
    }
    Map<String, Long> counters = metrics.snapshot();
    assertEquals(400L, counters.get("portscope_anonymizer_observations_total{key=\"inst-1\"}"));
    assertEquals(0L, counters.getOrDefault("portscope_anonymizer_errors_total", 0L));
  }

  /** A raw-IP TCP SYN with no options, IPv4 or IPv6 by the addresses. */
  static RawFrame frame(IpAddress src, IpAddress dst, int sport, int dport) {
    int ipLen = src.isV4() ? 20 : 40;
    byte[] b = new byte[ipLen + 20];
    if (src.isV4()) {
      b[0] = 0x45;
      b[3] = (byte) b.length;
      b[8] = 64;
      b[9] = 6;
      System.arraycopy(src.toBytes(), 0, b, 12, 4);
      System.arraycopy(dst.toBytes(), 0, b, 16, 4);
    } else {
      b[0] = 0x60;
      b[5] = 20;
      b[6] = 6;
      b[7] = 64;
      System.arraycopy(src.toBytes(), 0, b, 8, 16);
      System.arraycopy(dst.toBytes(), 0, b, 24, 16);
    }
    b[ipLen] = (byte) (sport >> 8);
    b[ipLen + 1] = (byte) sport;
    b[ipLen + 2] = (byte) (dport >> 8);
    b[ipLen + 3] = (byte) dport;
    b[ipLen + 12] = 0x50;
    b[ipLen + 13] = 0x02;
    b[ipLen + 14] = 0x04;
    return new RawFrame(1_000_000_000L, LinkType.RAW, b);
  }
}
