package org.portscope.plugin.listener;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import java.time.Instant;
import java.time.InstantSource;
import org.portscope.sensor.api.Metrics;
import org.portscope.sensor.api.Metrics.Counter;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.PortRanges;
import org.portscope.sensor.api.SessionRelay;
import org.portscope.sensor.api.SessionSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every {@link ClientConnection} of one running listener shares. Thread-safe. */
final class Listening {
  private static final Logger LOG = LoggerFactory.getLogger(Listening.class);

  private final ListenerSettings settings;
  private final String node;
  private final InstantSource clock;
  private final SessionRelay relay;
  private final SessionSink sink;
  private final ChannelGroup open;
  private final Counter accepted;
  private final Counter notAssigned;
  private final Counter relayErrors;

  Listening(ListenerSettings settings, String node, InstantSource clock, Metrics metrics,
      SessionRelay relay, SessionSink sink, ChannelGroup open) {
    this.settings = settings;
    this.node = node;
    this.clock = clock;
    this.relay = relay;
    this.sink = sink;
    this.open = open;
    this.accepted = metrics.counter("portscope_listener_accepted_total",
        "Connections accepted on the assigned ports");
    this.notAssigned = metrics.counter("portscope_listener_not_assigned_total",
        "Connections to the listener's own port (not an assigned one), closed unrelayed");
    this.relayErrors = metrics.counter("portscope_listener_relay_errors_total",
        "Connections closed because the relay failed to take them");
  }

  PortRanges ports() {
    return settings.ports();
  }

  int payloadBytes() {
    return settings.payloadBytes();
  }

  String node() {
    return node;
  }

  SessionRelay relay() {
    return relay;
  }

  long nowNanos() {
    Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  void accepted(Channel channel) {
    accepted.increment();
    open.add(channel);
  }

  void notAssigned() {
    notAssigned.increment();
  }

  void relayFailed(RuntimeException e) {
    relayErrors.increment();
    LOG.warn("the relay failed to take a connection: {}", e.toString());
  }

  void finished(Observation session) {
    sink.offer(session); // a full host queue counts the drop itself
  }
}
