package org.portscope.sensor.core.fingerprint;

import org.portscope.sensor.api.Observation;

/**
 * One packet-level signature of a scanning tool, taken from that tool's own source code.
 *
 * <p>{@link Fingerprinter} calls {@link #matches} once per packet from a single thread, on
 * raw (not yet anonymized) observations of every kind. An implementation must therefore be cheap: no
 * regular expressions, no allocation on the common path. A rule may keep bounded per-source state of
 * its own (see {@link UnicornscanRule}); rules are asked in order and the first match wins, so a
 * stateful rule only sees packets that no earlier rule claimed.
 */
public interface ScannerRule {

  /** The tool's name as it appears in {@link org.portscope.sensor.api.Fingerprint#tool()}. */
  String tool();

  /** Whether the packet carries this tool's signature. */
  boolean matches(Observation o);

  /**
   * Whether the tool picks a different IP TTL per packet by default. The hop-count spoofing check
   * ignores sources seen using such a tool, since their hop counts vary without any forgery.
   */
  default boolean randomizesTtl() {
    return false;
  }
}
