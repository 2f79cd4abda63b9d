package org.portscope.hub.blocklist;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.portscope.hub.store.ScoredSource;
import org.portscope.hub.store.SourceScore;

/**
 * One answer of the blocklist endpoint: the sources that passed, highest score first, and what
 * they were chosen by (written into every format's comment header).
 *
 * @param subject whose list, e.g. {@code node node-a (institution example-university)}
 * @param truncated whether more sources passed than {@code entries} holds (the limit cut them)
 */
record Blocklist(String subject, String windowText, Instant from, Instant to, SourceScore score,
    long minScore, List<ScoredSource> entries, boolean truncated) {
  /** How a raw (not anonymized) address shows in the keys line; no key id has parentheses. */
  static final String RAW = "(raw)";

  Blocklist {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(windowText, "windowText");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(score, "score");
    entries = List.copyOf(entries);
  }

  /** The keys the listed addresses were anonymized with, sorted; {@link #RAW} for raw ones. */
  Set<String> keys() {
    Set<String> keys = new TreeSet<>();
    for (ScoredSource s : entries) {
      keys.add(s.keyId() == null ? RAW : Header.clean(s.keyId()).replace(' ', '?'));
    }
    return keys;
  }

  long count(int version) {
    return entries.stream().filter(s -> s.address().version() == version).count();
  }
}
