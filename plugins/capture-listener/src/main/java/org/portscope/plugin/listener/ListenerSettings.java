package org.portscope.plugin.listener;

import java.util.Objects;
import java.util.Set;
import org.portscope.sensor.api.ConfigException;
import org.portscope.sensor.api.PortRanges;
import org.portscope.sensor.api.StageConfig;

/**
 * The {@code listener:} section.
 *
 * @param ports the assigned range
 * @param payloadBytes how many of the first bytes a source sends are kept in its session
 * @param mode {@code auto} (nftables TPROXY, else one socket per port), {@code nft} or {@code bind}
 * @param table the nftables table the listener owns (inet family)
 */
record ListenerSettings(PortRanges ports, int payloadBytes, String mode, String table) {
  static final int DEFAULT_PAYLOAD_BYTES = 4096;
  private static final Set<String> MODES = Set.of("auto", "nft", "bind");

  ListenerSettings {
    Objects.requireNonNull(ports, "ports");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(table, "table");
  }

  static ListenerSettings of(StageConfig c) {
    c.allowOnly(Set.of("plugin", "ports", "payload-bytes", "mode", "table"));
    if (!c.has("ports")) {
      throw c.bad("ports", null, "the node's assigned ports, e.g. [10000-20000]");
    }
    PortRanges ports;
    try {
      ports = PortRanges.parse(c.strings("ports"));
    } catch (IllegalArgumentException e) {
      // PortRanges names the bad item and what a port or range is.
      throw new ConfigException(c.key("ports") + ": " + e.getMessage());
    }
    String mode = c.string("mode", "auto");
    if (!MODES.contains(mode)) {
      throw c.bad("mode", mode, "one of auto, nft, bind");
    }
    String table = c.string("table", "portscope_listener");
    if (!table.matches("[A-Za-z][A-Za-z0-9_]{0,31}")) {
      throw c.bad("table", table, "an nftables table name (letters, digits, _; at most 32)");
    }
    int payload = (int) c.bytes("payload-bytes", DEFAULT_PAYLOAD_BYTES, 0, 16 << 10);
    return new ListenerSettings(ports, payload, mode, table);
  }
}
