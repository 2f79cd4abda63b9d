package org.portscope.sensor.core.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.portscope.sensor.core.config.SensorConfig;
import org.portscope.sensor.core.config.SensorConfigLoader;
import org.portscope.sensor.core.pipeline.SensorRuntime;

/** {@code run}: captures live until SIGTERM/SIGINT, then flushes and exits 0. */
final class RunCommand implements Command {
  @Override
  public String name() {
    return "run";
  }

  @Override
  public String summary() {
    return "capture live as the config says until SIGTERM, then flush and exit";
  }

  @Override
  public String help() {
    return """
        usage: portscope-sensor run --config FILE [--state DIR]

        Runs the sensor live: the capture plugin named in the config reads inbound traffic,
        traffic to ports with a listener on this machine is never recorded, and observations go
        to the configured forwarders. On SIGTERM or SIGINT it stops capturing, drains and flushes
        what it holds, prints a summary to stderr and exits 0. With metrics.listen set, it serves
        /metrics (Prometheus) and /healthz there.

        options:
          --config FILE   the sensor config (YAML; see README "Sensor config")
          --state DIR     where stages keep state across restarts (default /var/lib/portscope)
          --help          this text
        """;
  }

  @Override
  public int run(String[] args) throws Exception {
    Options o = Options.parse(name(), args, Set.of("--config", "--state"), Set.of());
    SensorConfig config = SensorConfigLoader.load(Path.of(o.require("--config")));
    Path state = Path.of(o.has("--state") ? o.get("--state") : "/var/lib/portscope");
    Files.createDirectories(state);
    Path plugins = SensorMain.pluginsDir();
    SensorMain.requireFolder(plugins);
    SensorRuntime sensor = new SensorRuntime(config, plugins, state);
    CountDownLatch closed = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      SensorMain.shuttingDown = true;
      sensor.stop();
      try {
        // The JVM ends when this hook returns: wait until main has flushed and closed everything.
        if (closed.await(30, TimeUnit.SECONDS)) {
          // A signal-initiated exit would report 128+signal; a clean stop is a success.
          Runtime.getRuntime().halt(0);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      sensor.run();
    } finally {
      sensor.close();
      System.err.print(RunSummary.format("run " + config.node(), sensor.metrics().snapshot(),
          sensor.elapsedSeconds(), sensor.kernelDrops()));
      System.err.flush();
      closed.countDown();
    }
    return 0;
  }
}
