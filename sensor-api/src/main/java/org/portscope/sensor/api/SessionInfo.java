package org.portscope.sensor.api;

import java.util.Objects;

/**
 * One connection a {@link SessionListener} accepted, as it is handed to the {@link SessionRelay}.
 *
 * @param acceptedNanos when it was accepted, nanoseconds since the Unix epoch
 * @param source the remote party as it connected (raw: never to be sent anywhere as is)
 * @param sourcePort the remote party's port
 * @param destination the node's address the remote party connected to
 * @param destinationPort the port it connected to (the original destination, not the listener's)
 * @param shownSource the source as the anonymization policy lets it leave the node; the host
 *     fills it in before the relay sees the connection
 * @param shownDestination the destination under the same policy
 * @param anonKeyId the key id of that policy ({@code "identity"} when addresses are kept), or
 *     {@code null} before the host has applied it
 */
public record SessionInfo(
    long acceptedNanos,
    IpAddress source,
    int sourcePort,
    IpAddress destination,
    int destinationPort,
    IpAddress shownSource,
    IpAddress shownDestination,
    String anonKeyId) {

  public SessionInfo {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(destination, "destination");
    if (sourcePort < 0 || sourcePort > 0xFFFF || destinationPort < 0 || destinationPort > 0xFFFF) {
      throw new IllegalArgumentException("ports " + sourcePort + " and " + destinationPort
          + " must be 0..65535");
    }
  }

  /** A connection as the listener saw it, before the anonymization policy is applied. */
  public static SessionInfo accepted(long acceptedNanos, IpAddress source, int sourcePort,
      IpAddress destination, int destinationPort) {
    return new SessionInfo(acceptedNanos, source, sourcePort, destination, destinationPort, null,
        null, null);
  }

  /** The same connection with the addresses it may be shown with. */
  public SessionInfo shownAs(IpAddress src, IpAddress dst, String keyId) {
    return new SessionInfo(acceptedNanos, source, sourcePort, destination, destinationPort,
        Objects.requireNonNull(src, "src"), Objects.requireNonNull(dst, "dst"),
        Objects.requireNonNull(keyId, "keyId"));
  }
}
