package org.portscope.sensor.api;

/** What an unsolicited packet is, by the network-telescope convention. */
public enum TrafficKind {
  /** Someone reaching out to us: scan probes, connection attempts, exploits. */
  PROBE("probe"),
  /**
   * A victim's answer to packets that carried our address as a spoofed source: SYN-ACKs, RSTs,
   * ICMP errors and echo replies we never asked for.
   */
  BACKSCATTER("backscatter"),
  /** Anything else (e.g. mid-stream TCP segments, unsolicited UDP replies). */
  OTHER("other");

  private final String label;

  TrafficKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
