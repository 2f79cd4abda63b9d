package org.portscope.hub.blocklist;

import java.util.ArrayList;
import java.util.List;

/**
 * The comment lines at the top of every format. Two of them are read back by
 * {@code portscope-sensor blocklist pull}: {@code # entries: N} (how many addresses follow) and
 * {@code # keys: ID…} (the anonymization keys of those addresses, {@code (raw)} for raw ones).
 */
final class Header {
  static final String ANONYMIZED = "# anonymized: ";

  private Header() {}

  static List<String> lines(Blocklist b, BlocklistFormat format) {
    List<String> out = new ArrayList<>();
    out.add("# portscope blocklist, format " + format.label());
    out.add("# subject: " + clean(b.subject()));
    out.add("# window: " + b.windowText() + ", " + b.from() + " to " + b.to());
    out.add("# score: " + b.score() + ", at least " + b.minScore()
        + "; backscatter and spoof-suspect observations not counted");
    out.add("# keys: " + String.join(" ", b.keys()));
    out.add("# entries: " + b.entries().size() + " (IPv4 " + b.count(4) + ", IPv6 " + b.count(6) + ")"
        + (b.truncated() ? ", cut at the limit: more sources passed the score" : ""));
    out.add(ANONYMIZED + "addresses are as the hub stores them; the key holder maps them back with"
        + " portscope-sensor blocklist pull");
    return out;
  }

  /**
   * Names come from the peers file and key ids from nodes: a line break in one must not become a
   * line of a firewall script.
   */
  static String clean(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(c -> b.appendCodePoint(c < 0x20 || c == 0x7f ? '?' : c));
    return b.toString();
  }
}
