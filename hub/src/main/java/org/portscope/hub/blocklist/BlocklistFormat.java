package org.portscope.hub.blocklist;

import java.util.List;
import java.util.Locale;
import org.portscope.hub.api.BadRequestException;
import org.portscope.hub.store.ScoredSource;

/**
 * The text forms of a blocklist. In every form the addresses appear only as whole tokens (between
 * white space, {@code ,}, <code>{</code> and <code>}</code>) of lines that do not start with
 * {@code #}, and nothing else on those lines is an address: so a node can map each one back and
 * keep the rest of the file as it is.
 */
enum BlocklistFormat {
  /** One address per line after the comment header. */
  PLAIN("text/plain"),
  /**
   * An {@code nft -f} script: table {@code inet portscope_blocklist} with sets {@code blocklist_v4}
   * ({@code ipv4_addr}) and {@code blocklist_v6} ({@code ipv6_addr}), flushed and refilled in one
   * transaction. Rules in that table may match {@code ip saddr @blocklist_v4}; loading the file
   * again keeps them.
   */
  NFT("text/plain"),
  /**
   * An {@code ipset -exist restore} file: {@code hash:ip} sets {@code portscope-v4} (family inet)
   * and {@code portscope-v6} (inet6), refilled through a swap with {@code portscope-v4-next} /
   * {@code portscope-v6-next}, so the sets in use are never empty halfway.
   */
  IPSET("text/plain");

  static final String NFT_TABLE = "inet portscope_blocklist";
  /** ipset's cap per set; fixed so that {@code create -exist} matches the set of an earlier load. */
  static final int IPSET_MAXELEM = BlocklistRequest.MAX_LIMIT;

  private final String contentType;

  BlocklistFormat(String contentType) {
    this.contentType = contentType;
  }

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  String contentType() {
    return contentType + "; charset=utf-8";
  }

  static BlocklistFormat parse(String text) throws BadRequestException {
    for (BlocklistFormat f : values()) {
      if (f.label().equals(text)) {
        return f;
      }
    }
    throw new BadRequestException("format", "format is '" + text + "'", "plain, nft or ipset");
  }

  String render(Blocklist b) {
    StringBuilder out = new StringBuilder(64 * (b.entries().size() + 16));
    Header.lines(b, this).forEach(line -> out.append(line).append('\n'));
    switch (this) {
      case PLAIN -> b.entries().forEach(s -> out.append(s.address()).append('\n'));
      case NFT -> nft(b.entries(), out);
      case IPSET -> ipset(b.entries(), out);
    }
    return out.toString();
  }

  private static void nft(List<ScoredSource> entries, StringBuilder out) {
    out.append("table ").append(NFT_TABLE).append(" {\n")
        .append("\tset blocklist_v4 {\n\t\ttype ipv4_addr\n\t}\n")
        .append("\tset blocklist_v6 {\n\t\ttype ipv6_addr\n\t}\n")
        .append("}\n")
        .append("flush set ").append(NFT_TABLE).append(" blocklist_v4\n")
        .append("flush set ").append(NFT_TABLE).append(" blocklist_v6\n");
    for (int version : new int[] {4, 6}) {
      List<ScoredSource> these = entries.stream().filter(s -> s.address().version() == version).toList();
      if (these.isEmpty()) {
        continue; // nft refuses an empty element list
      }
      out.append("add element ").append(NFT_TABLE).append(" blocklist_v").append(version).append(" {\n");
      for (int i = 0; i < these.size(); i++) {
        out.append('\t').append(these.get(i).address()).append(i + 1 < these.size() ? ",\n" : "\n");
      }
      out.append("}\n");
    }
  }

  private static void ipset(List<ScoredSource> entries, StringBuilder out) {
    for (int version : new int[] {4, 6}) {
      String set = "portscope-v" + version;
      String create = " hash:ip family " + (version == 4 ? "inet" : "inet6") + " maxelem " + IPSET_MAXELEM + "\n";
      out.append("create ").append(set).append(create)
          .append("create ").append(set).append("-next").append(create)
          .append("flush ").append(set).append("-next\n");
      for (ScoredSource s : entries) {
        if (s.address().version() == version) {
          out.append("add ").append(set).append("-next ").append(s.address()).append('\n');
        }
      }
      out.append("swap ").append(set).append(' ').append(set).append("-next\n")
          .append("destroy ").append(set).append("-next\n");
    }
  }
}
