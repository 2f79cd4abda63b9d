package org.portscope.hub;

import java.time.Instant;
import org.portscope.sensor.api.Fingerprint;
import org.portscope.sensor.api.IpAddress;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.Protocol;
import org.portscope.sensor.api.Session;
import org.portscope.sensor.api.TcpOptions;
import org.portscope.sensor.api.TrafficKind;

/** Observations as the hub receives them (anonymized, fingerprinted), for tests. */
public final class TestObservations {
  private TestObservations() {}

  public static Observation syn(Instant at, String src, int dstPort, String tool) {
    byte[] opts = {2, 4, 5, (byte) 0xb4};
    return new Observation(at.getEpochSecond() * 1_000_000_000L + at.getNano(), IpAddress.parse(src),
        IpAddress.parse(src.contains(":") ? "2001:db8::1" : "192.0.2.1"), Protocol.TCP, 40000, dstPort,
        0x02, 12345, 0, 1024, 54, src.contains(":") ? -1 : 777, TcpOptions.copyOf(opts, 0, 4), -1, -1, 0,
        "self-reported", new Fingerprint(tool, TrafficKind.PROBE, false), "k1");
  }

  /** A relayed connection from {@code src} to port {@code dstPort} that sent {@code first} and closed. */
  public static Observation session(Instant at, String src, int dstPort, byte[] first, String app, String tool) {
    Session session = new Session(1_500_000_000L, first.length + 100L, 42, first, app, "source-closed");
    return Observation.ofSession(at.getEpochSecond() * 1_000_000_000L + at.getNano(), IpAddress.parse(src), 50000,
        IpAddress.parse("192.0.2.1"), dstPort, "self-reported", session)
        .withFingerprint(new Fingerprint(tool, TrafficKind.PROBE, false))
        .withAnonymizedAddresses(IpAddress.parse(src), IpAddress.parse("192.0.2.1"), "k1");
  }

  public static Observation backscatter(Instant at, String src) {
    return new Observation(at.getEpochSecond() * 1_000_000_000L + at.getNano(), IpAddress.parse(src),
        IpAddress.parse("192.0.2.1"), Protocol.ICMP, -1, -1, -1, -1, -1, -1, 60, 1, TcpOptions.NONE, 0, 0,
        56, "self-reported", new Fingerprint(Fingerprint.UNKNOWN_TOOL, TrafficKind.BACKSCATTER, true), "k1");
  }
}
