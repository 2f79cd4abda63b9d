package org.portscope.sensor.api;

/** The transport an {@link Observation} was seen on; {@link #label()} is its name in JSON output. */
public enum Protocol {
  TCP("tcp", 6),
  UDP("udp", 17),
  ICMP("icmp", 1),
  ICMP6("icmp6", 58);

  private final String label;
  private final int number;

  Protocol(String label, int number) {
    this.label = label;
    this.number = number;
  }

  public String label() {
    return label;
  }

  /** The IANA protocol number. */
  public int number() {
    return number;
  }
}
