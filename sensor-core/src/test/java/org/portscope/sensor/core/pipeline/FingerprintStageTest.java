package org.portscope.sensor.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.portscope.sensor.api.IpAddress;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.Protocol;
import org.portscope.sensor.api.TcpFlags;
import org.portscope.sensor.api.TcpOptions;
import org.portscope.sensor.core.fingerprint.Fingerprinter;
import org.portscope.sensor.core.metrics.MetricsRegistry;

class FingerprintStageTest {
  private static final IpAddress NODE = IpAddress.parse("192.0.2.10");

  /** A Mirai-style SYN: the sequence number is the destination address. */
  private static Observation miraiSyn(String src) {
    return new Observation(1L, IpAddress.parse(src), NODE, Protocol.TCP, 40_000, 23, TcpFlags.SYN,
        NODE.v4() & 0xFFFF_FFFFL, 0, 14_600, 50, 1234, TcpOptions.NONE, -1, -1, 0, "n1", null, null);
  }

  /** A kernel's SYN-ACK arriving unsolicited: backscatter from an unknown tool. */
  private static Observation synAck(String src) {
    return new Observation(2L, IpAddress.parse(src), NODE, Protocol.TCP, 443, 51_000,
        TcpFlags.SYN | TcpFlags.ACK, 77_777, 1, 64_240, 55, 4321, TcpOptions.NONE, -1, -1, 0, "n1",
        null, null);
  }

  private static final class Recording implements ObservationSink {
    final List<Observation> seen = new ArrayList<>();
    int flushes;

    @Override
    public void accept(Observation raw) {
      seen.add(raw);
    }

    @Override
    public void flush() {
      flushes++;
    }
  }

  @Test
  void stampsEachObservationWithItsVerdictAndHandsItOn() {
    MetricsRegistry metrics = new MetricsRegistry();
    Recording next = new Recording();
    FingerprintStage stage = new FingerprintStage(new Fingerprinter(1000), next, metrics);
    Observation raw = miraiSyn("198.51.100.7");
    stage.accept(raw);
    stage.flush();

    assertNull(raw.fingerprint(), "the raw observation is not changed");
    assertEquals(1, next.seen.size());
    assertEquals("mirai", next.seen.get(0).fingerprint().tool());
    assertEquals(raw, next.seen.get(0).withFingerprint(null), "the same observation plus its verdict");
    assertEquals(1, next.flushes);
  }

  @Test
  void withNothingToHandOnTheVerdictsAreStillCounted() {
    MetricsRegistry metrics = new MetricsRegistry();
    FingerprintStage stage = new FingerprintStage(new Fingerprinter(1000), null, metrics);
    // mirai, then another tool, then mirai again: the stage keeps the last tool's counter at hand
    stage.accept(miraiSyn("198.51.100.7"));
    stage.accept(synAck("203.0.113.5"));
    stage.accept(miraiSyn("198.51.100.8"));
    stage.flush();

    Map<String, Long> counters = metrics.snapshot();
    assertEquals(3L, counters.get("portscope_observations_total"));
    assertEquals(2L, counters.get("portscope_fingerprint_tool_total{tool=\"mirai\"}"));
    assertEquals(1L, counters.get("portscope_fingerprint_tool_total{tool=\"unknown\"}"));
    assertEquals(1L, counters.get("portscope_fingerprint_kind_total{kind=\"backscatter\"}"));
    assertEquals(2L, counters.get("portscope_fingerprint_kind_total{kind=\"probe\"}"));
  }
}
