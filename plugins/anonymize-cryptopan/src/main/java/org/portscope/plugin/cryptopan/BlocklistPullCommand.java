package org.portscope.plugin.cryptopan;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pf4j.Extension;
import org.portscope.sensor.api.SensorCommand;

/**
 * {@code portscope-sensor blocklist pull}: fetches this node's (or its institution's) blocklist from
 * the hub over the overlay, maps every address back to the real one with the institution's
 * Crypto-PAn key, and writes the list in the format asked for.
 */
@Extension
public final class BlocklistPullCommand implements SensorCommand {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);
  /** Options passed to the hub as parameters of the same name. */
  private static final String[] PASSED = {"scope", "window", "min-score", "format", "key-id", "limit"};

  @Override
  public String name() {
    return "blocklist";
  }

  @Override
  public String summary() {
    return "pull this node's blocklist from the hub and map it back to real addresses";
  }

  @Override
  public String help() {
    return """
        usage: portscope-sensor blocklist pull --hub HOST:PORT --key-file FILE [--scope node|institution]
                 [--window 7d] [--min-score N] [--format plain|nft|ipset] [--key-id ID] [--limit N]
                 [--out FILE]

        Fetches the sources that scanned this node (or any node of its institution) from the hub,
        which stores them anonymized, maps each address back with the institution's Crypto-PAn key
        and writes the real-address list. Run it on the node: the hub serves a node its own lists
        only, and knows it by its overlay address.

          --hub HOST:PORT    the hub's API on the overlay, e.g. 10.77.0.1:8080 or [fd77::1]:8080
          --key-file FILE    the key the node anonymizes with (mode 0600, yours)
          --scope S          node (this node's list, the default) or institution
          --window W         how far back: 30m, 24h, 7d (the default), up to 366d
          --min-score N      sources scoring at least N (default 100; the score is
                             probes + 10 x distinct ports + 50 x distinct nodes)
          --format F         plain (one address per line, the default), nft (an nft -f script
                             filling sets blocklist_v4 / blocklist_v6 of table inet
                             portscope_blocklist) or ipset (for ipset -exist restore: sets
                             portscope-v4 / portscope-v6)
          --key-id ID        only addresses anonymized under this key id (needed when a key
                             rotation falls in the window)
          --limit N          at most N sources, the highest scores (default 65536)
          --out FILE         write here (atomically, mode 0644) instead of stdout
        """;
  }

  @Override
  public int run(String[] args, InputStream in, PrintStream out, PrintStream err) throws Exception {
    if (args.length == 0 || !args[0].equals("pull")) {
      throw new IllegalArgumentException("blocklist: expected 'pull' first; see portscope-sensor blocklist --help");
    }
    Map<String, String> options = options(Arrays.copyOfRange(args, 1, args.length));
    HubEndpoint hub = HubEndpoint.parse(required(options, "hub"));
    Path keyFile = Path.of(required(options, "key-file"));
    Path outFile = options.containsKey("out") ? Path.of(options.get("out")) : null;
    CryptoPan pan;
    try {
      pan = KeyFile.cryptoPan(keyFile);
    } catch (KeyFile.KeyFileException e) {
      err.println("blocklist pull: --key-file " + e.getMessage());
      return 1;
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String name : PASSED) {
      if (options.containsKey(name)) {
        parameters.put(name, options.get(name));
      }
    }
    String body;
    try {
      body = fetch(hub, parameters);
    } catch (HubException e) {
      err.println("blocklist pull: " + e.getMessage());
      return 1;
    }
    BlocklistMapping.Result list;
    try {
      list = BlocklistMapping.map(body, pan, options.get("key-id"), hub.toString(), Instant.now());
    } catch (BlocklistMapping.MappingException e) {
      err.println("blocklist pull: " + e.getMessage());
      return 1;
    }
    byte[] bytes = list.text().getBytes(StandardCharsets.UTF_8);
    String where = "stdout";
    if (outFile == null) {
      out.write(bytes);
      out.flush();
    } else {
      try {
        ListFile.write(outFile, bytes);
      } catch (IOException e) {
        err.println("blocklist pull: --out " + outFile + " cannot be written: " + e.getMessage());
        return 1;
      }
      where = outFile.toString();
    }
    err.println("blocklist pull: " + (list.v4() + list.v6()) + " addresses (IPv4 " + list.v4() + ", IPv6 "
        + list.v6() + ") from hub " + hub + " to " + where);
    return 0;
  }

  /** The hub's list, or why not. */
  private static String fetch(HubEndpoint hub, Map<String, String> parameters) throws HubException {
    HttpRequest request = HttpRequest.newBuilder(hub.blocklist(parameters)).timeout(REQUEST_TIMEOUT)
        .header("Accept", "text/plain").GET().build();
    HttpResponse<String> answer;
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
      answer = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (ConnectException e) {
      throw new HubException("cannot reach hub " + hub + " (" + request.uri() + "): connection refused or"
          + " no route; expected the hub's API address on the overlay (api.listen in the hub's config)");
    } catch (HttpTimeoutException e) {
      throw new HubException("hub " + hub + " did not answer within " + CONNECT_TIMEOUT.toSeconds()
          + " s (connect) / " + REQUEST_TIMEOUT.toSeconds() + " s (request): " + e.getMessage());
    } catch (IOException e) {
      throw new HubException("hub " + hub + " (" + request.uri() + "): " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HubException("interrupted while fetching from hub " + hub);
    }
    if (answer.statusCode() == 200) {
      return answer.body();
    }
    throw new HubException(HubError.describe(hub.toString(), answer.statusCode(), answer.body()));
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i].startsWith("--") ? args[i].substring(2) : null;
      if (name == null || !(name.equals("hub") || name.equals("key-file") || name.equals("out")
          || Arrays.asList(PASSED).contains(name))) {
        throw new IllegalArgumentException("blocklist pull: unknown option or argument '" + args[i]
            + "'; see portscope-sensor blocklist --help");
      }
      if (++i == args.length || args[i].isEmpty()) {
        throw new IllegalArgumentException("blocklist pull: --" + name + " needs a value");
      }
      if (options.put(name, args[i]) != null) {
        throw new IllegalArgumentException("blocklist pull: --" + name + " is given twice");
      }
    }
    return options;
  }

  private static String required(Map<String, String> options, String name) {
    String v = options.get(name);
    if (v == null) {
      throw new IllegalArgumentException("blocklist pull: --" + name + " is required; see portscope-sensor"
          + " blocklist --help");
    }
    return v;
  }

  /** The hub could not be asked, or refused. */
  static final class HubException extends Exception {
    HubException(String message) {
      super(message);
    }
  }
}
