package org.portscope.sensor.core.pipeline;

/** What the sensor does with a decoded packet before fingerprinting it. */
public enum Disposition {
  /** Unsolicited, inbound, to a closed port: becomes an observation. */
  RECORD("recorded"),
  /** Sent by the node itself (its source is a local address); only remembered as a flow. */
  OUTBOUND("outbound"),
  /** To a port with a listener or a live socket: never recorded. */
  OPEN_PORT("open_port"),
  /**
   * To a port of listener mode's assigned range, other than the opening SYN: the connection is
   * relayed and becomes one session observation, so its packets are not recorded one by one.
   */
  LISTENER("listener"),
  /** An answer to a flow the node started. */
  ANSWER("answer"),
  /** Neither from nor to one of the node's addresses (broadcast, multicast, transit). */
  NOT_LOCAL("not_local");

  private final String label;

  Disposition(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
