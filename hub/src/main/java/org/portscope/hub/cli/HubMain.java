package org.portscope.hub.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.portscope.hub.Hub;
import org.portscope.hub.config.ConfigLoader;
import org.portscope.hub.config.HubConfig;
import org.portscope.hub.enroll.EnrollConfig;
import org.portscope.hub.enroll.EnrollmentService;
import org.portscope.hub.peer.PeersFile;

/** {@code portscope-hub}: the hub's command line. */
public final class HubMain {
  static final String USAGE = """
      usage: portscope-hub <command> [options]

      commands:
        run --config FILE [--enrollment FILE]
                            run the hub (collector, store, API; with --enrollment also the
                            HTTPS enrollment API) until stopped (SIGTERM, Ctrl-C)

      portscope-hub <command> --help shows a command's options.
      """;
  static final String RUN_HELP = """
      usage: portscope-hub run --config FILE [--enrollment FILE]

      Runs the collector, the store, the JSON API and the honeypot as FILE (YAML) says:

        collector:
          listen: 10.77.0.1:7443        # the hub's overlay address only
        api:
          listen: 127.0.0.1:8080
        store:
          path: /var/lib/portscope/hub.duckdb
          retention: 90d                # observations older than this are deleted
          retentionInterval: 1h         # how often that runs
          memoryLimit: 1GB              # DuckDB's memory limit
        peers:
          file: /etc/portscope/peers.yaml   # written by the provisioner, reloaded on change
          refresh: 5s
        honeypot:                       # optional; on by default on the collector's address, port 2222
          enabled: true                 # false: off (a real honeypot takes its place)
          log: honeypot.jsonl           # default: next to the store

      --enrollment FILE (YAML) starts the enrollment API too (see hub/README.md, Enrollment):

        listen: 192.0.2.1:8443          # the hub's public address: nodes enroll over HTTPS
        institution: example-university
        hub-public-key: BASE64=         # the hub's WireGuard key, the nodes' peer
        overlay: 10.77.0.0/24
        hub-address: 10.77.0.1
        endpoint: hub.example.edu:51820 # the hub's WireGuard endpoint, as nodes reach it
        collector: 10.77.0.1:7070
        state-dir: /var/lib/portscope-hub   # tls/, enrollment-tokens/, enrolled/, enrolled-peers.conf
        bundle: /opt/portscope-hub/node-bundle.tar.gz  # served at /v1/bundle (optional)

      Relative paths are relative to FILE's folder. Stops cleanly on SIGTERM: batches in hand are
      stored and acknowledged or left for the nodes to resend.
      """;

  private HubMain() {}

  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || List.of("--help", "-h", "help").contains(args[0])) {
      (args.length == 0 ? err : out).print(USAGE);
      return args.length == 0 ? 2 : 0;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    if (!args[0].equals("run")) {
      err.println("portscope-hub: unknown command '" + args[0] + "'");
      err.print(USAGE);
      return 2;
    }
    if (Arrays.asList(rest).contains("--help") || Arrays.asList(rest).contains("-h")) {
      out.print(RUN_HELP);
      return 0;
    }
    boolean enrolls = rest.length == 4 && rest[2].equals("--enrollment");
    if ((rest.length != 2 && !enrolls) || !rest[0].equals("--config")) {
      err.println("portscope-hub run: --config FILE [--enrollment FILE] expected, got " + String.join(" ", rest));
      err.print(RUN_HELP);
      return 2;
    }
    Path file = Path.of(rest[1]);
    if (!Files.isRegularFile(file)) {
      err.println("portscope-hub run: config " + file + " does not exist");
      return 2;
    }
    try {
      HubConfig config = ConfigLoader.load(file);
      runUntilStopped(config, enrolls ? EnrollConfig.load(Path.of(rest[3])) : null);
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("portscope-hub run: " + e.getMessage());
      return 2;
    } catch (RuntimeException e) {
      err.println("portscope-hub run: " + e.getMessage());
      return 1;
    }
  }

  private static void runUntilStopped(HubConfig config, EnrollConfig enrollment) {
    PeersFile peers = PeersFile.load(config.peersFile());
    EnrollmentService enroll = enrollment == null ? null : EnrollmentService.start(enrollment, peers, Clock.systemUTC());
    Hub hub;
    try {
      hub = Hub.start(config, Clock.systemUTC(), peers, enroll == null ? null : enroll.peers());
    } catch (RuntimeException e) {
      if (enroll != null) {
        enroll.close();
      }
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (enroll != null) {
        enroll.close();
      }
      hub.close();
      stopped.countDown();
    }, "hub-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
