package org.portscope.sensor.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * What listener mode adds to an {@link Observation}: one whole TCP connection that the node accepted
 * on a port of its assigned range and relayed to a honeypot.
 *
 * <p>Ownership: the session owns {@code firstBytes}; whoever builds it hands over an array it never
 * touches again, and readers never write to it (no defensive copies, as for {@link RawFrame}).
 *
 * @param durationNanos from the accept to the close of the connection
 * @param bytesFromSource every byte the remote party sent (not only the kept ones)
 * @param bytesToSource every byte sent back to the remote party (the honeypot's answers)
 * @param firstBytes the first bytes the remote party sent, at most the listener's configured
 *     {@code payload-bytes}; empty when it sent nothing
 * @param application what the first bytes speak, as the core's fingerprinting names it:
 *     {@code "ssh"}, {@code "http"}, {@code "tls"}, {@code "telnet"} or {@code "unknown"};
 *     {@code null} before the core has looked
 * @param end why the session ended: {@code "source-closed"}, {@code "honeypot-closed"},
 *     {@code "honeypot-unreachable"}, {@code "shutdown"}, or {@code "limit:<name>"} when a relay
 *     limit cut it ({@code limit:idle}, {@code limit:duration}, {@code limit:bytes},
 *     {@code limit:connections}, {@code limit:connections-per-source})
 */
public record Session(
    long durationNanos,
    long bytesFromSource,
    long bytesToSource,
    byte[] firstBytes,
    String application,
    String end) {

  /** The {@code end} of a session cut by the relay limit {@code name}. */
  public static String limit(String name) {
    return "limit:" + name;
  }

  public Session {
    Objects.requireNonNull(firstBytes, "firstBytes");
    Objects.requireNonNull(end, "end");
    if (durationNanos < 0 || bytesFromSource < 0 || bytesToSource < 0) {
      throw new IllegalArgumentException("durationNanos " + durationNanos + ", bytesFromSource "
          + bytesFromSource + ", bytesToSource " + bytesToSource + ": none may be negative");
    }
    if (firstBytes.length > bytesFromSource) {
      throw new IllegalArgumentException("firstBytes holds " + firstBytes.length
          + " bytes but the source sent only " + bytesFromSource);
    }
  }

  /** Equal when every field is, the first bytes compared by content. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Session s && durationNanos == s.durationNanos
        && bytesFromSource == s.bytesFromSource && bytesToSource == s.bytesToSource
        && Arrays.equals(firstBytes, s.firstBytes) && Objects.equals(application, s.application)
        && end.equals(s.end);
  }

  @Override
  public int hashCode() {
    return Objects.hash(durationNanos, bytesFromSource, bytesToSource, Arrays.hashCode(firstBytes),
        application, end);
  }

  @Override
  public String toString() {
    return "Session[" + durationNanos / 1_000_000 + " ms, " + bytesFromSource + " B in, "
        + bytesToSource + " B out, first " + firstBytes.length + " B, " + application + ", " + end
        + "]";
  }

  /** The same session with the application the first bytes speak. */
  public Session withApplication(String name) {
    return new Session(durationNanos, bytesFromSource, bytesToSource, firstBytes,
        Objects.requireNonNull(name, "name"), end);
  }
}
