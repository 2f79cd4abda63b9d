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
 * <p>Called once per packet from one thread (the pipeline's, or with nothing to forward the
 * delivery lane's); not thread-safe. It allocates nothing per
 * packet: verdicts are constant instances, and per-source state lives in one fixed-size
 * {@link SourceTable} that evicts by second chance per bucket (sources not seen again go first),
 * so memory stays bounded whatever the traffic.
 */
public final class Fingerprinter {
  /** Tracked sources when the config does not say: 36 bytes each, about 9 MB in all. */
  public static final int DEFAULT_MAX_SOURCES = 262_144;

  private static final int HOP_FIELD = 0;
  private static final int UNICORN_FIELD = 1;

  private static final TrafficKind[] KINDS = TrafficKind.values();

  private final ScannerRule[] rules;
  /** {@link ScannerRule#randomizesTtl} per rule, asked once instead of per packet. */
  private final boolean[] randomTtl;
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
    this.randomTtl = new boolean[this.rules.length];
    for (int i = 0; i < this.rules.length; i++) {
      randomTtl[i] = this.rules[i].randomizesTtl();
    }
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
    int matched = firstMatch(o);
    if (matched >= 0 && kind == TrafficKind.BACKSCATTER) {
      kind = TrafficKind.PROBE;
    }
    boolean spoof = hopCounts.isSuspect(o.src(), o.ttl(), matched >= 0 && randomTtl[matched]);
    return verdicts[matched + 1][kind.ordinal() * 2 + (spoof ? 1 : 0)];
  }

  /**
   * The index of the first rule that matches, or -1. Unrolled on purpose: one call site in a loop
   * sees every rule class and the JIT dispatches it through the interface table per rule (6 % of a
   * replay's CPU); a call site per position sees one class, which the JIT inlines.
   */
  private int firstMatch(Observation o) {
    ScannerRule[] r = rules;
    int n = r.length;
    if (n > 0 && r[0].matches(o)) {
      return 0;
    }
    if (n > 1 && r[1].matches(o)) {
      return 1;
    }
    if (n > 2 && r[2].matches(o)) {
      return 2;
    }
    if (n > 3 && r[3].matches(o)) {
      return 3;
    }
    if (n > 4 && r[4].matches(o)) {
      return 4;
    }
    if (n > 5 && r[5].matches(o)) {
      return 5;
    }
    if (n > 6 && r[6].matches(o)) {
      return 6;
    }
    if (n > 7 && r[7].matches(o)) {
      return 7;
    }
    if (n > 8 && r[8].matches(o)) {
      return 8;
    }
    for (int i = 9; i < n; i++) {
      if (r[i].matches(o)) {
        return i;
      }
    }
    return -1;
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
