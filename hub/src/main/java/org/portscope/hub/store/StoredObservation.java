package org.portscope.hub.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored observation as the API shows it: addresses in text (still anonymized), absent fields
 * null.
 */
public record StoredObservation(Instant time, long timestampNanos, String institution, String node,
    String src, String dst, String protocol, Integer srcPort, Integer dstPort, String tcpFlags,
    Long seq, Long ack, Integer window, Integer ttl, Integer ipId, String tcpOptions,
    Integer icmpType, Integer icmpCode, Integer payloadLength, String tool, String kind,
    Boolean spoofSuspect, String anonKeyId) {
  public StoredObservation {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(institution, "institution");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(src, "src");
    Objects.requireNonNull(dst, "dst");
    Objects.requireNonNull(protocol, "protocol");
  }
}
