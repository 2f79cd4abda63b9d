package org.portscope.plugin.collector;

import org.portscope.sensor.api.Fingerprint;
import org.portscope.sensor.api.IpAddress;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.Protocol;
import org.portscope.sensor.api.TcpOptions;
import org.portscope.sensor.api.TrafficKind;

/** Observations numbered by their sequence field, so a receiver can tell which arrived. */
final class Samples {
  private static final byte[] MSS = {2, 4, 0x05, (byte) 0xB4};

  private Samples() {}

  /** A SYN whose TCP sequence number is {@code n}: unique per test, and it survives the wire. */
  static Observation syn(long n) {
    return new Observation(1_764_171_953_000_000_000L + n, IpAddress.ofV4(0xC6336400 | (int) (n & 0xFF)),
        IpAddress.parse("192.0.2.10"), Protocol.TCP, 40000 + (int) (n % 20000), 23, 0x02, n & 0xFFFF_FFFFL,
        0, 1024, 49, (int) (n & 0xFFFF), TcpOptions.copyOf(MSS, 0, 4), -1, -1, 0, "node-1",
        new Fingerprint("zmap", TrafficKind.PROBE, false), "k1");
  }
}
