package org.portscope.plugin.cryptopan;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.Extension;
import org.portscope.sensor.api.SensorCommand;

/**
 * {@code portscope-sensor anonymize --key-file FILE [--reverse] [ADDRESS…]}: maps addresses (or
 * prefixes) with Crypto-PAn, or back with {@code --reverse}, one output line per input.
 */
@Extension
public final class AnonymizeCommand implements SensorCommand {
  @Override
  public String name() {
    return "anonymize";
  }

  @Override
  public String summary() {
    return "map addresses with an anonymization key, or back (--reverse)";
  }

  @Override
  public String help() {
    return """
        usage: portscope-sensor anonymize --key-file FILE [--reverse] [ADDRESS…]

        Prints the Crypto-PAn form of each IPv4 or IPv6 address, one per line, as the sensor's
        anonymize-cryptopan stage makes it under the same key. With --reverse, maps anonymized
        addresses back to the originals: e.g. to turn a blocklist from the hub into real
        addresses. A prefix such as 198.51.100.0/24 maps to the prefix of the same length.
        Without ADDRESS arguments, reads one address per line from stdin. Stops at the first line
        that is not an address (exit 1), after printing the lines before it.

          --key-file FILE   the key (64 hex digits or 32 raw bytes; mode 0600, yours)
          --reverse         map anonymized addresses back to the originals
        """;
  }

  @Override
  public int run(String[] args, InputStream in, PrintStream out, PrintStream err)
      throws IOException {
    Path keyFile = null;
    boolean reverse = false;
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--key-file" -> {
          if (++i == args.length) {
            throw new IllegalArgumentException("anonymize: --key-file needs a FILE");
          }
          keyFile = Path.of(args[i]);
        }
        case "--reverse" -> reverse = true;
        default -> {
          if (args[i].startsWith("--")) {
            throw new IllegalArgumentException("anonymize: unknown option " + args[i]
                + "; see portscope-sensor anonymize --help");
          }
          addresses.add(args[i]);
        }
      }
    }
    if (keyFile == null) {
      throw new IllegalArgumentException("anonymize: --key-file FILE is required");
    }
    CryptoPan pan;
    try {
      pan = KeyFile.cryptoPan(keyFile);
    } catch (KeyFile.KeyFileException e) {
      err.println("anonymize: key file " + e.getMessage());
      return 1;
    }
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.US_ASCII), 1 << 16);
    try {
      if (!addresses.isEmpty()) {
        for (int i = 0; i < addresses.size(); i++) {
          if (!map(pan, reverse, addresses.get(i), "argument " + (i + 1), w, err)) {
            return 1;
          }
        }
        return 0;
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      int n = 0;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!map(pan, reverse, line, "line " + ++n, w, err)) {
          return 1;
        }
      }
      return 0;
    } finally {
      w.flush();
    }
  }

  private static boolean map(CryptoPan pan, boolean reverse, String text, String where, Writer w,
      PrintStream err) throws IOException {
    AddressText a;
    try {
      a = AddressText.parse(text);
    } catch (IllegalArgumentException e) {
      w.flush(); // what came before is printed, then the complaint
      err.println("anonymize: " + where + ": " + (text.isBlank() ? "empty; expected an IPv4 or"
          + " IPv6 address" : e.getMessage()));
      return false;
    }
    w.write(a.format(reverse ? pan.deanonymize(a.address()) : pan.anonymize(a.address())));
    w.write('\n');
    return true;
  }
}
