package org.portscope.sensor.core.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.portscope.sensor.api.ConfigException;
import org.portscope.sensor.api.StageConfig;
import org.portscope.sensor.core.fingerprint.Fingerprinter;
import org.portscope.sensor.core.config.Cidr;
import org.portscope.sensor.core.config.SensorConfig;
import org.portscope.sensor.core.config.SensorConfigLoader;
import org.portscope.sensor.core.pipeline.SensorRuntime;

/** {@code replay}: runs a capture file through the whole pipeline. */
final class ReplayCommand implements Command {
  @Override
  public String name() {
    return "replay";
  }

  @Override
  public String summary() {
    return "read a pcap/pcapng file through the sensor and print observations as JSON lines";
  }

  @Override
  public String help() {
    return """
        usage: portscope-sensor replay --pcap FILE --local CIDR[,CIDR...] [options]

        Reads a capture file (pcap or pcapng) through the sensor's pipeline: decode, keep only
        inbound traffic to closed ports, fingerprint, anonymize, forward. Without --config the
        observations go to stdout as JSON lines (keys: ts, node, src, dst, proto, sport, dport,
        flags, ttl, ipId, seq, ack, window, options, len, tool, kind, ...). A summary goes to stderr.

        options:
          --pcap FILE        the capture to read (required)
          --local CIDRS      the node's own addresses, comma-separated (required): packets from them
                             are outbound and only teach the sensor which ports are open
          --config FILE      a sensor config whose anonymize and forward sections to use
                             (its capture section is replaced by the file)
          --node NAME        the node id stamped on observations (default: replay)
          --no-output        decode and fingerprint only, forward nothing (for measuring)
          --help             this text
        """;
  }

  @Override
  public int run(String[] args) throws Exception {
    Options o = Options.parse(name(), args, Set.of("--pcap", "--local", "--config", "--node"),
        Set.of("--no-output"));
    Path pcap = Path.of(o.require("--pcap"));
    if (!Files.isReadable(pcap)) {
      throw o.usage("--pcap " + pcap + ": no such readable file");
    }
    List<Cidr> local = new ArrayList<>();
    for (String c : o.require("--local").split(",")) {
      try {
        local.add(Cidr.parse(c));
      } catch (IllegalArgumentException e) {
        throw o.usage("--local: " + e.getMessage());
      }
    }
    SensorConfig base = o.has("--config")
        ? SensorConfigLoader.load(Path.of(o.get("--config")))
        : null;
    StageConfig capture = new StageConfig("capture",
        Map.of("plugin", "capture-pcap", "file", pcap.toString()));
    StageConfig anonymize = base != null ? base.anonymize()
        : new StageConfig("anonymize", Map.of("plugin", "identity"));
    List<StageConfig> forward = o.has("--no-output") ? List.of()
        : base != null ? base.forward()
        : List.of(new StageConfig("forward[0]", Map.of("plugin", "forward-jsonl", "path", "-")));
    String node = o.has("--node") ? o.get("--node") : base != null ? base.node() : "replay";
    SensorConfig config = new SensorConfig(node, local, capture, anonymize, forward, null,
        65_536, java.time.Duration.ofSeconds(2),
        base != null ? base.trackedSources() : Fingerprinter.DEFAULT_MAX_SOURCES, null, null);

    Path plugins = SensorMain.pluginsDir();
    SensorMain.requireFolder(plugins);
    Path state = Files.createTempDirectory("portscope-replay");
    try (SensorRuntime sensor = new SensorRuntime(config, plugins, state)) {
      sensor.run();
      System.err.print(RunSummary.format("replay " + pcap.getFileName(),
          sensor.metrics().snapshot(), sensor.elapsedSeconds(), -1));
    } catch (ConfigException e) {
      throw e;
    }
    return 0;
  }
}
