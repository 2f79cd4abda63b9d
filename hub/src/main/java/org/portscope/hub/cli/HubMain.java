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

/** {@code portscope-hub}: the hub's command line. */
public final class HubMain {
  static final String USAGE = """
      usage: portscope-hub <command> [options]

      commands:
        run --config FILE   run the hub (collector, store, API) until stopped (SIGTERM, Ctrl-C)

      portscope-hub <command> --help shows a command's options.
      """;
  static final String RUN_HELP = """
      usage: portscope-hub run --config FILE

      Runs the collector, the store and the JSON API as FILE (YAML) says:

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
    if (rest.length != 2 || !rest[0].equals("--config")) {
      err.println("portscope-hub run: --config FILE expected, got " + String.join(" ", rest));
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
      runUntilStopped(config);
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("portscope-hub run: " + e.getMessage());
      return 2;
    } catch (RuntimeException e) {
      err.println("portscope-hub run: " + e.getMessage());
      return 1;
    }
  }

  private static void runUntilStopped(HubConfig config) {
    Hub hub = Hub.start(config, Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
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
