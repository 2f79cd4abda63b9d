package org.portscope.hub.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One relayed connection (listener mode) as the API shows it. The first bytes are what an attacker
 * sent: they are given only as escaped text and hex, never as they came, so no page renders them.
 *
 * @param time when the node accepted the connection
 * @param src the remote party, as stored (anonymized)
 * @param dst the node's address the connection came to, as stored
 * @param application what the first bytes speak ({@code ssh}, {@code http}, {@code tls},
 *     {@code telnet}, {@code unknown}), or null when the node did not say
 * @param tool the client the first bytes name ({@code openssh}, {@code curl}, …, or {@code unknown})
 * @param bytesIn every byte the remote party sent
 * @param bytesOut every byte the honeypot sent back
 * @param durationMillis from the accept to the close
 * @param end why it ended ({@code source-closed}, {@code limit:idle}, …)
 * @param firstBytesLength how many first bytes the node kept
 * @param preview the first bytes as ASCII text with every other byte escaped ({@link FirstBytes#escaped})
 * @param previewHex the first bytes in hex
 */
public record StoredSession(Instant time, String institution, String node, String src, Integer srcPort,
    String dst, Integer dstPort, String application, String tool, long bytesIn, long bytesOut,
    long durationMillis, String end, int firstBytesLength, String preview, String previewHex,
    String anonKeyId) {
  public StoredSession {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(institution, "institution");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(src, "src");
    Objects.requireNonNull(dst, "dst");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(preview, "preview");
    Objects.requireNonNull(previewHex, "previewHex");
  }
}
