package org.portscope.sensor.core.fingerprint;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.portscope.sensor.api.Fingerprint;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.TrafficKind;

/**
 * The sensor's verdict on each packet: which tool sent it (by the {@link ScannerRule}s, first match
 * wins), whether it is a probe, backscatter or other ({@link TrafficKinds}), and whether its hop
 * count contradicts what its source showed before ({@link HopCountFilter}). A packet that carries a
 * scanner's signature is a probe whatever its flags: backscatter is a victim's kernel answering a
 * forged source, and a kernel does not write masscan's IP ID formula (masscan's own RST after the
 * target's RST, zmap's SYN-ACK probes).
 *
 * <p>Called once per packet from one pipeline thread; not thread-safe. It allocates nothing per
 * packet: verdicts are constant instances, and per-source state lives in one fixed-size
 * {@link SourceTable} that evicts by CLOCK (sources not seen again go first), so memory stays
 * bounded whatever the traffic.
 */
public final class Fingerprinter {
  /** Tracked sources when the config does not say: 60-80 bytes each, about 21 MB in all. */
  public static final int DEFAULT_MAX_SOURCES = 262_144;

  private static final int HOP_FIELD = 0;
  private static final int UNICORN_FIELD = 1;

  private static final TrafficKind[] KINDS = TrafficKind.values();

  private final ScannerRule[] rules;
  private final SourceTable sources;
  private final HopCountFilter hopCounts;
  /** [rule index + 1][kind ordinal * 2 + spoof]; row 0 is the unknown tool. */
  private final Fingerprint[][] verdicts;

  /** A fingerprinter with every rule and the default hop-count tolerance. */
  public Fingerprinter(int maxTrackedSources) {
    this(maxTrackedSources, HopCountFilter.DEFAULT_TOLERANCE);
  }

  /**
   * @param maxTrackedSources sources remembered for the stateful checks (hop count, unicornscan)
   * @param hopTolerance how many hops a source's hop count may drift before it is spoof-suspect
   */
  public Fingerprinter(int maxTrackedSources, int hopTolerance) {
    this(new SourceTable(maxTrackedSources, 2), hopTolerance);
  }

  private Fingerprinter(SourceTable sources, int hopTolerance) {
    this(defaultRules(sources, UNICORN_FIELD), sources,
        new HopCountFilter(sources, HOP_FIELD, hopTolerance));
  }

  /** @param sources the table behind {@code hopCounts} and any stateful rule */
  Fingerprinter(List<ScannerRule> rules, SourceTable sources, HopCountFilter hopCounts) {
    this.rules = rules.toArray(new ScannerRule[0]);
    this.sources = Objects.requireNonNull(sources, "sources");
    this.hopCounts = Objects.requireNonNull(hopCounts, "hopCounts");
    this.verdicts = verdictTable(this.rules);
  }

  /** The rules in the order they are tried; stateless ones first, unicornscan's last. */
  static List<ScannerRule> defaultRules(SourceTable sources, int unicornField) {
    return List.of(
        new MiraiRule(),
        new MasscanRule(),
        new ZmapIpIdRule(),
        new ZmapOptionsRule(),
        new NmapOsProbeRule(),
        new NmapSynScanRule(),
        new NmapStealthScanRule(),
        new Hping3Rule(),
        new UnicornscanRule(sources, unicornField));
  }

  /** The verdict on one raw (not yet anonymized) observation. */
  public Fingerprint classify(Observation o) {
    sources.beginPacket();
    TrafficKind kind = TrafficKinds.of(o);
    int matched = -1;
    for (int i = 0; i < rules.length; i++) {
      if (rules[i].matches(o)) {
        matched = i;
        break;
      }
    }
    if (matched >= 0 && kind == TrafficKind.BACKSCATTER) {
      kind = TrafficKind.PROBE;
    }
    boolean randomTtl = matched >= 0 && rules[matched].randomizesTtl();
    boolean spoof = hopCounts.isSuspect(o.src(), o.ttl(), randomTtl);
    return verdicts[matched + 1][kind.ordinal() * 2 + (spoof ? 1 : 0)];
  }

  /** Sources currently remembered (at most the configured maximum). */
  public int trackedSources() {
    return sources.size();
  }

  private static Fingerprint[][] verdictTable(ScannerRule[] rules) {
    Map<String, Fingerprint[]> byTool = new HashMap<>();
    Fingerprint[][] table = new Fingerprint[rules.length + 1][];
    table[0] = row(Fingerprint.UNKNOWN_TOOL);
    byTool.put(Fingerprint.UNKNOWN_TOOL, table[0]);
    for (int i = 0; i < rules.length; i++) {
      table[i + 1] = byTool.computeIfAbsent(rules[i].tool(), Fingerprinter::row);
    }
    return table;
  }

  private static Fingerprint[] row(String tool) {
    Fingerprint[] row = new Fingerprint[KINDS.length * 2];
    for (TrafficKind kind : KINDS) {
      row[kind.ordinal() * 2] = new Fingerprint(tool, kind, false);
      row[kind.ordinal() * 2 + 1] = new Fingerprint(tool, kind, true);
    }
    return row;
  }
}
