package org.portscope.sensor.api;

import java.util.Objects;

/**
 * The sensor's verdict on one packet.
 *
 * @param tool the tool that most likely sent it ({@code "zmap"}, {@code "masscan"}, {@code "mirai"},
 *     {@code "nmap"}, …) or {@link #UNKNOWN_TOOL}
 * @param kind probe, backscatter or other
 * @param spoofSuspect true when the packet's hop count disagrees with what this source showed
 *     before (hop-count filtering), a hint that the source address is forged
 */
public record Fingerprint(String tool, TrafficKind kind, boolean spoofSuspect) {
  public static final String UNKNOWN_TOOL = "unknown";

  public Fingerprint {
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(kind, "kind");
  }

  public boolean isKnownTool() {
    return !UNKNOWN_TOOL.equals(tool);
  }
}
