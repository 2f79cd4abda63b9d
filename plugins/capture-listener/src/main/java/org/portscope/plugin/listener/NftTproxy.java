package org.portscope.plugin.listener;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.portscope.sensor.api.PortRanges;

/**
 * The listener's nftables table: every TCP connection to an assigned port goes to one transparent
 * listener (TPROXY), except where a real service's socket exists. The exception is decided per
 * packet by the kernel ({@code socket transparent 0}: a socket that is not ours already owns this
 * destination), so a service that starts later is never shadowed, not even until a refresh.
 * TPROXY keeps the original destination as the accepted socket's local address.
 *
 * <p>The table is the sensor's alone: created on start (a leftover from a crashed run is deleted
 * first) and deleted on stop.
 */
final class NftTproxy implements AutoCloseable {
  private final Path nft;
  private final String table;
  private boolean installed;

  private NftTproxy(Path nft, String table) {
    this.nft = nft;
    this.table = table;
  }

  /** The nft program, or null when it is not installed. */
  static Path findNft() {
    for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
      Path p = Path.of(dir, "nft");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  /** The rules as nft reads them. */
  static String ruleset(String table, PortRanges ports, int listenerPort) {
    String set = ports.ranges().stream().map(PortRanges.Range::toString)
        .collect(Collectors.joining(", ", "{ ", " }"));
    return "table inet " + table + " {\n"
        + "  chain prerouting {\n"
        + "    type filter hook prerouting priority mangle; policy accept;\n"
        // A socket that is not transparent owns the destination: a real service, or a
        // connection the node itself opened. Leave it alone.
        + "    meta l4proto tcp tcp dport " + set + " socket transparent 0 accept\n"
        + "    meta l4proto tcp tcp dport " + set + " tproxy to :" + listenerPort + " accept\n"
        + "  }\n"
        + "}\n";
  }

  /**
   * Installs the table, replacing a leftover one.
   *
   * @throws IOException naming the nft error (no permission, a kernel without TPROXY, …)
   */
  static NftTproxy install(Path nft, String table, PortRanges ports, int listenerPort)
      throws IOException, InterruptedException {
    NftTproxy rules = new NftTproxy(nft, table);
    rules.remove(); // a crashed run's table
    rules.nft(ruleset(table, ports, listenerPort), "-f", "-");
    rules.installed = true;
    return rules;
  }

  private void remove() throws InterruptedException {
    try {
      nft(null, "delete", "table", "inet", table);
    } catch (IOException absent) {
      // nothing to remove
    }
  }

  private void nft(String stdin, String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of(nft.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (OutputStream in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", command) + " did not finish in 30 s");
    }
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed (exit " + p.exitValue() + "): " + out);
    }
  }

  @Override
  public void close() {
    if (!installed) {
      return;
    }
    installed = false;
    try {
      remove();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
