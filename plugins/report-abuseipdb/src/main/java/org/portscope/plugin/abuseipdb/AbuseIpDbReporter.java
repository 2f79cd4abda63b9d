package org.portscope.plugin.abuseipdb;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;
import org.portscope.sensor.api.ConfigException;
import org.portscope.sensor.api.Forwarder;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.SensorContext;
import org.portscope.sensor.api.StageConfig;

/**
 * Reports attackers to AbuseIPDB (API v2): a raw sink (it needs real addresses, so the operator
 * opts in with {@code raw: true}) that reports only sources that completed a TCP handshake with
 * the node (listener-mode sessions), never bare SYNs or UDP, whose sources can be forged. Each
 * address is reported at most once per {@code cooldown} (AbuseIPDB accepts one report per address
 * and reporter every 15 minutes), at most {@code daily-quota} a day; sending happens on its own
 * thread ({@link ReportSender}), so the pipeline never waits on the network.
 *
 * <p>Config: {@code key-file} (the API key, mode 0600; required), {@code endpoint} (default
 * {@code https://api.abuseipdb.com/api/v2}), {@code mode} ({@code report}, or {@code bulk}: one
 * {@code bulk-report} CSV per {@code bulk-interval}, default 1h), {@code daily-quota} (default 1000,
 * the free plan's), {@code cooldown} (default 20m, at least 15m), {@code queue} (default 10000),
 * {@code attempts} (default 5), {@code retry-base} (default 2s), {@code retry-max} (default 5m),
 * {@code timeout} (default 30s), {@code tracked-sources} (default 65536).
 */
@Extension
public final class AbuseIpDbReporter implements Forwarder {
  static final Duration MIN_COOLDOWN = Duration.ofMinutes(15);

  private ReportPolicy policy;
  private ReportSender sender;
  private ReporterMetrics metrics;
  private Map<String, Instant> lastReported;
  private Duration cooldown;
  private Thread thread;

  @Override
  public void configure(StageConfig config, SensorContext context) {
    config.allowOnly(Set.of("plugin", "raw", "key-file", "endpoint", "mode", "daily-quota", "cooldown", "queue",
        "attempts", "retry-base", "retry-max", "timeout", "tracked-sources", "bulk-interval"));
    if (!config.bool("raw", false)) {
      throw config.bad("raw", config.string("raw", "(absent)"),
          "true: AbuseIPDB needs the attackers' real addresses, so this sink must be marked raw");
    }
    String key = readKey(config);
    URI endpoint = endpoint(config);
    String mode = config.string("mode", "report");
    if (!mode.equals("report") && !mode.equals("bulk")) {
      throw config.bad("mode", mode, "report or bulk");
    }
    cooldown = config.duration("cooldown", Duration.ofMinutes(20));
    if (cooldown.compareTo(MIN_COOLDOWN) < 0) {
      throw config.bad("cooldown", config.string("cooldown"), "15m or more (AbuseIPDB takes one report per address every 15 minutes)");
    }
    int tracked = config.integer("tracked-sources", 65_536, 16, 16_777_216);
    policy = new ReportPolicy(tracked);
    lastReported = new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
        return size() > tracked;
      }
    };
    metrics = new ReporterMetrics(context.metrics());
    ReportSender.Settings settings = new ReportSender.Settings(config.integer("queue", 10_000, 1, 1_000_000),
        config.integer("daily-quota", 1000, 1, 10_000_000), config.integer("attempts", 5, 1, 100),
        config.duration("retry-base", Duration.ofSeconds(2)), config.duration("retry-max", Duration.ofMinutes(5)),
        mode.equals("bulk") ? config.duration("bulk-interval", Duration.ofHours(1)) : null);
    sender = new ReportSender(new AbuseIpDbClient(endpoint, key, config.duration("timeout", Duration.ofSeconds(30))),
        settings, metrics, context.clock());
  }

  @Override
  public void start() {
    thread = new Thread(sender, "abuseipdb-reporter");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void accept(Observation observation) {
    Optional<Report> report = policy.consider(observation);
    if (report.isEmpty()) {
      return;
    }
    Report r = report.get();
    Instant last = lastReported.get(r.ip());
    if (last != null && Duration.between(last, r.timestamp()).compareTo(cooldown) < 0) {
      metrics.coolingDown.increment();
      return;
    }
    lastReported.put(r.ip(), r.timestamp());
    sender.offer(r);
  }

  @Override
  public void flush() {
    // Reports leave on the sender's own thread as soon as they are queued.
  }

  /** Gives the sender a few seconds to send what is queued; what is left is counted as unsent. */
  @Override
  public void close() {
    if (sender == null || thread == null) {
      return;
    }
    sender.close();
    try {
      thread.join(Duration.ofSeconds(5).toMillis());
      thread.interrupt();
      thread.join(Duration.ofSeconds(5).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String readKey(StageConfig config) {
    Path file = config.file("key-file");
    try {
      Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
      if (mode.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
        throw config.bad("key-file", file, "a file only its owner can read (chmod 600): it holds the AbuseIPDB API key");
      }
      String key = Files.readString(file, StandardCharsets.US_ASCII).strip();
      if (!key.matches("[A-Za-z0-9]{16,128}")) {
        throw new ConfigException(config.key("key-file") + ": " + file
            + " does not hold an AbuseIPDB API key (16-128 letters and digits; the content is not shown)");
      }
      return key;
    } catch (IOException e) {
      throw new ConfigException(config.key("key-file") + ": cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static URI endpoint(StageConfig config) {
    String text = config.string("endpoint", "https://api.abuseipdb.com/api/v2");
    try {
      URI uri = URI.create(text);
      if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
        throw config.bad("endpoint", text, "an http(s) URL such as https://api.abuseipdb.com/api/v2");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw config.bad("endpoint", text, "an http(s) URL such as https://api.abuseipdb.com/api/v2");
    }
  }
}
