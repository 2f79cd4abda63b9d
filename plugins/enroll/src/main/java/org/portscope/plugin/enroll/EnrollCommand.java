package org.portscope.plugin.enroll;

import java.io.InputStream;
import java.io.PrintStream;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;
import org.portscope.provisioner.enroll.EnrollToken;
import org.portscope.provisioner.enroll.NodeEnrollment;
import org.portscope.provisioner.onboard.converge.PlainProgress;
import org.portscope.provisioner.onboard.converge.TargetReport;
import org.portscope.provisioner.onboard.machine.LocalShell;
import org.portscope.sensor.api.SensorCommand;

/** {@code portscope-sensor enroll}: this node joins its institution's overlay with a token. */
@Extension
public final class EnrollCommand implements SensorCommand {
  private static final Set<String> OPTIONS = Set.of("--hub", "--token", "--token-file", "--name", "--interface",
      "--capture", "--anon-key-file");

  @Override
  public String name() {
    return "enroll";
  }

  @Override
  public String summary() {
    return "join the institution's overlay with an enrollment token (as root)";
  }

  @Override
  public String help() {
    return """
        usage: portscope-sensor enroll --hub HOST:PORT (--token TOKEN | --token-file FILE) [--name NAME]
                                       [--interface wg0] [--capture IF] [--anon-key-file FILE]

        Enrolls this machine as a telescope node, as root: installs what is missing (Debian
        packages), makes its WireGuard key pair here (the private key never leaves it, mode 0600),
        checks the hub's TLS certificate against the pin inside the token (a mismatch aborts,
        naming both), sends its public key and facts (host name, OS, architecture, addresses),
        receives its overlay address, the hub's peer entry and where to deliver, then writes the
        WireGuard and sensor configs and starts the tunnel and the sensor as services (systemd
        units, or supervised processes where systemd does not run): what onboarding over SSH does.

        Running it again on an enrolled node (/etc/portscope/enrollment.json exists) only makes sure
        the tunnel and the sensor run. A re-imaged node enrolls again under its name when the
        token has a use left.

          --hub HOST:PORT      the hub's enrollment API (HTTPS)
          --token TOKEN        pst1.ID.SECRET.PIN (or --token-file FILE holding it: it stays out of
                               the process list)
          --name NAME          the node's name on the hub (default: the host name)
          --interface IF       the WireGuard interface to make (default: wg0)
          --capture IF         the interface the sensor watches (default: the first interface that
                               is up, not loopback and not WireGuard)
          --anon-key-file FILE the institution's Crypto-PAn key, when the hub says it anonymizes
        """;
  }

  @Override
  public int run(String[] args, InputStream in, PrintStream out, PrintStream err) throws Exception {
    Map<String, String> options = options(args);
    String hub = required(options, "--hub");
    String tokenText = options.containsKey("--token-file")
        ? Files.readString(Path.of(options.get("--token-file"))).strip() : required(options, "--token");
    EnrollToken token = EnrollToken.parse(tokenText);
    if (!"root".equals(System.getProperty("user.name"))) {
      err.println("portscope-sensor enroll: run it as root (it installs packages, WireGuard and services)");
      return 1;
    }
    NodeEnrollment.Options opts = new NodeEnrollment.Options(hub, token,
        options.getOrDefault("--name", NodeEnrollment.hostname()), options.getOrDefault("--interface", "wg0"),
        options.containsKey("--capture") ? options.get("--capture") : captureInterface(),
        options.containsKey("--anon-key-file") ? Path.of(options.get("--anon-key-file")) : null);
    PlainProgress progress = new PlainProgress(out);
    TargetReport report = new NodeEnrollment(opts, new LocalShell()).run(progress);
    progress.done(report);
    if (!report.ok()) {
      err.println("portscope-sensor enroll: " + report.failure().getMessage());
      return 1;
    }
    return 0;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!OPTIONS.contains(args[i])) {
        throw new IllegalArgumentException("unknown option '" + args[i] + "' (known: "
            + String.join(", ", OPTIONS.stream().sorted().toList()) + ")");
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      options.put(args[i], args[i + 1]);
    }
    return options;
  }

  private static String required(Map<String, String> options, String key) {
    String v = options.get(key);
    if (v == null) {
      throw new IllegalArgumentException(key + " is required");
    }
    return v;
  }

  /** The first interface that is up, not loopback, not a tunnel. */
  static String captureInterface() throws SocketException {
    List<NetworkInterface> all = Collections.list(NetworkInterface.getNetworkInterfaces());
    return all.stream().filter(i -> {
      try {
        return i.isUp() && !i.isLoopback() && !i.isPointToPoint() && !i.getName().startsWith("wg");
      } catch (SocketException e) {
        return false;
      }
    }).map(NetworkInterface::getName).sorted().findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no network interface is up to capture on; name one with --capture"));
  }
}
