package org.portscope.hub.store;

import java.util.Objects;
import org.portscope.sensor.api.IpAddress;

/**
 * One source address with what it did in a window, as stored (anonymized unless {@code keyId} is
 * null).
 *
 * @param keyId the anonymization key its address was mapped with, or null for a raw address
 * @param probes observations counted (backscatter and spoof-suspect ones are not)
 * @param ports distinct destination ports (ICMP has none)
 * @param nodes distinct nodes that saw it
 */
public record ScoredSource(IpAddress address, String keyId, long probes, long ports, long nodes, long score) {
  public ScoredSource {
    Objects.requireNonNull(address, "address");
  }
}
