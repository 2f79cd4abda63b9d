package org.portscope.hub.blocklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.portscope.hub.store.ScoredSource;
import org.portscope.sensor.api.IpAddress;

/** The three formats' syntax, checked line by line (the plugin's IT also loads them into nft and ipset). */
class BlocklistFormatTest {
  static final Instant TO = Instant.parse("2026-03-08T00:00:00Z");
  static final List<ScoredSource> ENTRIES = List.of(
      source("198.51.100.7", "k1", 900), source("2001:db8:5::1", "k1", 400), source("203.0.113.9", null, 120),
      source("::ffff:102:304", "k1", 101));

  static ScoredSource source(String address, String key, long score) {
    return new ScoredSource(IpAddress.parse(address), key, score - 60, 1, 1, score);
  }

  static Blocklist list(List<ScoredSource> entries, String subject) {
    return new Blocklist(subject, "7d", TO.minusSeconds(7 * 86400), TO, BlocklistHandler.SCORE, 100, entries, false);
  }

  static List<String> body(String text) {
    return text.lines().filter(l -> !l.startsWith("#")).toList();
  }

  /** The addresses of a rendering by the rule the node relies on: whole tokens of lines that are not comments. */
  static List<String> addressTokens(String text) {
    List<String> out = new ArrayList<>();
    for (String line : body(text)) {
      for (String token : line.split("[\\s,{}]+")) {
        if (token.matches("\\d{1,3}(\\.\\d{1,3}){3}") || token.matches("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
          out.add(IpAddress.parse(token).toString());
        }
      }
    }
    return out;
  }

  static List<String> addresses(List<ScoredSource> entries) {
    return entries.stream().map(s -> s.address().toString()).toList();
  }

  @Test
  void plainIsTheHeaderThenOneAddressPerLineHighestScoreFirst() {
    String text = BlocklistFormat.PLAIN.render(list(ENTRIES, "node node-a (institution uni-x)"));
    assertEquals(addresses(ENTRIES), body(text));
    assertTrue(text.contains("\n# entries: 4 (IPv4 2, IPv6 2)\n"), text);
    assertTrue(text.contains("\n# keys: (raw) k1\n"), text);
    assertTrue(text.contains("# score: probes x 1 + ports x 10 + nodes x 50, at least 100;"), text);
    assertTrue(text.contains("# window: 7d, 2026-03-01T00:00:00Z to 2026-03-08T00:00:00Z"), text);
  }

  @Test
  void nftDefinesBothSetsFlushesThemAndAddsEachAddressToItsFamily() {
    String text = BlocklistFormat.NFT.render(list(ENTRIES, "institution uni-x"));
    List<String> lines = body(text);
    assertEquals(List.of("table inet portscope_blocklist {", "\tset blocklist_v4 {", "\t\ttype ipv4_addr", "\t}",
        "\tset blocklist_v6 {", "\t\ttype ipv6_addr", "\t}", "}", "flush set inet portscope_blocklist blocklist_v4",
        "flush set inet portscope_blocklist blocklist_v6"), lines.subList(0, 10));
    Map<String, List<String>> sets = new HashMap<>();
    String open = null;
    Pattern add = Pattern.compile("add element inet portscope_blocklist (blocklist_v[46]) \\{");
    for (String line : lines.subList(10, lines.size())) {
      Matcher m = add.matcher(line);
      if (open == null) {
        assertTrue(m.matches(), "expected an add element line, got: " + line);
        open = m.group(1);
      } else if (line.equals("}")) {
        open = null;
      } else {
        assertTrue(line.matches("\t[0-9a-f.:]+,?"), line);
        IpAddress a = IpAddress.parse(line.strip().replace(",", ""));
        assertEquals(open, "blocklist_v" + a.version(), line);
        sets.computeIfAbsent(open, k -> new ArrayList<>()).add(a.toString());
      }
    }
    assertEquals(null, open, "an element list is left open");
    assertEquals(List.of("198.51.100.7", "203.0.113.9"), sets.get("blocklist_v4"));
    assertEquals(List.of("2001:db8:5::1", "::ffff:102:304"), sets.get("blocklist_v6"));
    assertEquals(addresses(ENTRIES).stream().sorted().toList(), addressTokens(text).stream().sorted().toList());
  }

  @Test
  void nftLeavesOutTheElementListOfAnEmptyFamily() {
    String text = BlocklistFormat.NFT.render(list(List.of(source("192.0.2.77", "k1", 500)), "node n"));
    assertTrue(text.contains("add element inet portscope_blocklist blocklist_v4 {\n\t192.0.2.77\n}\n"), text);
    assertFalse(text.contains("add element inet portscope_blocklist blocklist_v6"), text);
    assertFalse(BlocklistFormat.NFT.render(list(List.of(), "node n")).contains("add element"));
  }

  @Test
  void ipsetCreatesFillsAndSwapsHashIpSetsPerFamily() {
    String text = BlocklistFormat.IPSET.render(list(ENTRIES, "institution uni-x"));
    Map<String, String> family = new HashMap<>();
    Set<String> live = new HashSet<>();
    Map<String, List<String>> members = new HashMap<>();
    for (String line : body(text)) {
      String[] w = line.split(" ");
      for (int i = 1; i < Math.min(w.length, 3); i++) {
        if (w[i].startsWith("portscope")) {
          assertTrue(w[i].length() <= 31, "ipset names have at most 31 characters: " + w[i]);
        }
      }
      switch (w[0]) {
        case "create" -> {
          assertTrue(line.matches("create portscope-v[46](-next)? hash:ip family inet6? maxelem 1000000"), line);
          family.put(w[1], w[4]);
          live.add(w[1]);
        }
        case "flush", "destroy" -> {
          assertEquals(2, w.length, line);
          assertTrue(live.contains(w[1]), "used before create: " + line);
          if (w[0].equals("destroy")) {
            live.remove(w[1]);
          }
        }
        case "add" -> {
          assertEquals(3, w.length, line);
          assertTrue(live.contains(w[1]), "used before create: " + line);
          IpAddress a = IpAddress.parse(w[2]);
          assertEquals(a.isV4() ? "inet" : "inet6", family.get(w[1]), line);
          members.computeIfAbsent(w[1], k -> new ArrayList<>()).add(a.toString());
        }
        case "swap" -> {
          assertEquals(3, w.length, line);
          assertTrue(live.contains(w[1]) && live.contains(w[2]), line);
          assertEquals(family.get(w[1]), family.get(w[2]), line);
        }
        default -> throw new AssertionError("not an ipset restore command: " + line);
      }
    }
    assertEquals(Set.of("portscope-v4", "portscope-v6"), live);
    assertEquals(List.of("198.51.100.7", "203.0.113.9"), members.get("portscope-v4-next"));
    assertEquals(List.of("2001:db8:5::1", "::ffff:102:304"), members.get("portscope-v6-next"));
    assertTrue(text.lines().filter(l -> l.startsWith("#")).count() >= 6);
  }

  @Test
  void namesWithLineBreaksCannotAddLinesToAScript() {
    List<ScoredSource> evil = List.of(new ScoredSource(IpAddress.parse("192.0.2.8"), "k1\nflush ruleset", 900, 1, 1, 960));
    String text = BlocklistFormat.NFT.render(list(evil, "node x\nflush ruleset"));
    assertFalse(text.lines().anyMatch(l -> l.startsWith("flush ruleset")), text);
    assertTrue(text.contains("# keys: k1?flush?ruleset\n"), text);
  }

  @Test
  void aCutListSaysSo() {
    Blocklist b = new Blocklist("node n", "1d", TO.minusSeconds(86400), TO, BlocklistHandler.SCORE, 0, ENTRIES, true);
    assertTrue(BlocklistFormat.PLAIN.render(b).contains("# entries: 4 (IPv4 2, IPv6 2), cut at the limit"));
  }
}
