package org.portscope.hub.blocklist;

import java.time.Instant;
import org.portscope.sensor.api.Fingerprint;
import org.portscope.sensor.api.IpAddress;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.Protocol;
import org.portscope.sensor.api.TcpOptions;
import org.portscope.sensor.api.TrafficKind;

/** Observations as a node sends them to the hub, with the fields a blocklist scores by. */
public final class Probes {
  private Probes() {}

  /** A SYN from {@code src} to {@code dstPort}, anonymized under {@code keyId} (null: raw). */
  public static Observation syn(Instant at, IpAddress src, int dstPort, String keyId) {
    return of(at, src, dstPort, keyId, TrafficKind.PROBE, false);
  }

  /** A SYN-ACK from a victim of spoofing: backscatter. */
  public static Observation backscatter(Instant at, IpAddress src, String keyId) {
    return of(at, src, 40000, keyId, TrafficKind.BACKSCATTER, false);
  }

  public static Observation of(Instant at, IpAddress src, int dstPort, String keyId, TrafficKind kind,
      boolean spoofSuspect) {
    IpAddress dst = src.isV4() ? IpAddress.parse("192.0.2.1") : IpAddress.parse("2001:db8::1");
    int flags = kind == TrafficKind.BACKSCATTER ? 0x12 : 0x02;
    return new Observation(at.getEpochSecond() * 1_000_000_000L + at.getNano(), src, dst, Protocol.TCP,
        40000, dstPort, flags, 1, 0, 1024, 54, src.isV4() ? 1 : -1, TcpOptions.NONE, -1, -1, 0, "self",
        new Fingerprint("zmap", kind, spoofSuspect), keyId);
  }
}
