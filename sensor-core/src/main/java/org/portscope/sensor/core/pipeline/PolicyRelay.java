package org.portscope.sensor.core.pipeline;

import org.portscope.sensor.api.Anonymizer;
import org.portscope.sensor.api.ClientSide;
import org.portscope.sensor.api.Metrics;
import org.portscope.sensor.api.Metrics.Counter;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.Protocol;
import org.portscope.sensor.api.RelayedSession;
import org.portscope.sensor.api.SessionInfo;
import org.portscope.sensor.api.SessionRelay;
import org.portscope.sensor.api.TcpOptions;

/**
 * Stands between the listener and the relay plugin: applies the node's anonymization policy to each
 * connection's addresses before the relay sees them, so that what the relay sends on (the PROXY
 * header) follows the same policy as every observation. When the anonymizer fails the connection
 * is closed unrelayed: a raw address must not leave the node.
 */
final class PolicyRelay implements SessionRelay {
  private static final RelayedSession IGNORE = new RelayedSession() {
    @Override
    public void received(java.nio.ByteBuffer bytes) {}

    @Override
    public void sourceClosed() {}
  };

  private final SessionRelay relay;
  private final Anonymizer anonymizer;
  private final String node;
  private final Counter refused;

  PolicyRelay(SessionRelay relay, Anonymizer anonymizer, String node, Metrics metrics) {
    this.relay = relay;
    this.anonymizer = anonymizer;
    this.node = node;
    this.refused = metrics.counter("portscope_anonymizer_errors_total",
        "Observations withheld from anonymized forwarders because the anonymizer failed");
  }

  @Override
  public RelayedSession open(SessionInfo info, ClientSide client) {
    Observation probe = new Observation(info.acceptedNanos(), info.source(), info.destination(),
        Protocol.TCP, info.sourcePort(), info.destinationPort(), -1, -1, -1, -1, -1, -1,
        TcpOptions.NONE, -1, -1, 0, node, null, null);
    Observation shown = null;
    try {
      synchronized (anonymizer) {
        shown = anonymizer.anonymize(probe);
      }
    } catch (RuntimeException e) {
      // counted below; the message may hold an address, so it is not logged
    }
    if (shown == null || shown.isRaw()) {
      refused.increment();
      client.close("anonymizer-failed");
      return IGNORE;
    }
    return relay.open(info.shownAs(shown.src(), shown.dst(), shown.anonKeyId()), client);
  }

  @Override
  public void configure(org.portscope.sensor.api.StageConfig config,
      org.portscope.sensor.api.SensorContext context) {
    throw new UnsupportedOperationException("PolicyRelay wraps an already configured relay");
  }

  @Override
  public void close() {
    // the runtime closes the relay it loaded
  }
}
