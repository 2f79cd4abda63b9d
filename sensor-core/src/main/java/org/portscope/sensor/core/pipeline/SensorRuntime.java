package org.portscope.sensor.core.pipeline;

import java.io.IOException;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.portscope.sensor.api.Anonymizer;
import org.portscope.sensor.api.ConfigException;
import org.portscope.sensor.api.FrameSink;
import org.portscope.sensor.api.Forwarder;
import org.portscope.sensor.api.PacketSource;
import org.portscope.sensor.api.SessionListener;
import org.portscope.sensor.api.SessionRelay;
import org.portscope.sensor.api.StageConfig;
import org.portscope.sensor.core.config.SensorConfig;
import org.portscope.sensor.core.fingerprint.Fingerprinter;
import org.portscope.sensor.core.metrics.MetricsRegistry;
import org.portscope.sensor.core.metrics.MetricsServer;
import org.portscope.sensor.core.plugin.StageLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A configured sensor: its stages loaded and wired, ready to {@link #run}. Live sources feed a
 * bounded queue drained by a pipeline thread; file sources run the pipeline on their own thread
 * (it is their sink).
 */
public final class SensorRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SensorRuntime.class);

  private final SensorConfig config;
  private final MetricsRegistry metrics = new MetricsRegistry();
  private final StageLoader loader;
  private final PacketSource source;
  private final Anonymizer anonymizer;
  private SessionListener listener;
  private SessionRelay relay;
  private SessionLane sessions;
  private final List<ForwardingStage> forwarders = new ArrayList<>();
  private final TrafficFilter filter;
  private final HostContext context;
  private LocalAddresses local;
  private final PacketPipeline pipeline;
  private DeliveryLane lane;
  private final CountDownLatch finished = new CountDownLatch(1);
  private ScheduledExecutorService refresher;
  private PortSet listenerPorts = PortSet.EMPTY;
  private MetricsServer metricsServer;
  private volatile boolean running;
  private volatile String capturing;
  private volatile long startedNanos;
  private volatile long endedNanos;

  /**
   * Loads and configures every stage.
   *
   * @throws ConfigException naming the key when a plugin is missing or a value is wrong
   */
  public SensorRuntime(SensorConfig config, Path pluginsDir, Path stateRoot) {
    this.config = config;
    HostContext ctx = new HostContext(config.node(), InstantSource.system(), metrics, stateRoot);
    this.context = ctx;
    loader = StageLoader.forPlugins(pluginsDir, pluginIds(config));
    try {
      source = loader.create(PacketSource.class, config.capture(), ctx);
      anonymizer = loader.create(Anonymizer.class, config.anonymize(), ctx);
      for (StageConfig section : config.forward()) {
        Forwarder f = loader.create(Forwarder.class, section, ctx);
        forwarders.add(new ForwardingStage(section.path() + ":" + section.string("plugin"),
            SensorConfig.isRaw(section), f, metrics));
      }
      if (config.listener() != null) {
        relay = loader.create(SessionRelay.class, config.relay(), ctx);
        listener = loader.create(SessionListener.class, config.listener(), ctx);
        sessions = new SessionLane(4_096, metrics);
      }
      local = localAddresses();
      filter = new TrafficFilter(local);
      if (listener != null) {
        listenerPorts = PortSet.of(listener.ports());
        filter.setListenerPorts(listenerPorts);
      }
      Fingerprinter fingerprinter = new Fingerprinter(config.trackedSources());
      ObservationSink recognized;
      if (!forwarders.isEmpty() || sessions != null) {
        // Delivery gets its own thread so that, on two cores, writing overlaps recognizing.
        lane = new DeliveryLane(new Delivery(anonymizer, forwarders, metrics), sessions);
        recognized = new FingerprintStage(fingerprinter, lane, metrics);
      } else {
        // Nothing to write (replay --no-output): fingerprinting gets the second core instead.
        lane = new DeliveryLane(new FingerprintStage(fingerprinter, null, metrics), null);
        recognized = lane;
      }
      pipeline = new PacketPipeline(config.node(), filter, recognized, metrics, this::capturing);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The plugin ids the config's sections name; only those are loaded. */
  private static List<String> pluginIds(SensorConfig config) {
    List<StageConfig> sections = new ArrayList<>(config.forward());
    sections.add(config.capture());
    sections.add(config.anonymize());
    if (config.listener() != null) {
      sections.add(config.listener());
      sections.add(config.relay());
    }
    List<String> ids = new ArrayList<>();
    for (StageConfig section : sections) {
      ids.add(SensorConfig.pluginOf(section)); // the config loader refused sections without one
    }
    return ids;
  }

  private LocalAddresses localAddresses() {
    if (!config.local().isEmpty()) {
      return new LocalAddresses(config.local());
    }
    if (!source.isLive()) {
      throw new ConfigException("local: missing; reading a capture file needs the node's own"
          + " addresses (e.g. --local 192.0.2.10/32) to tell inbound from outbound");
    }
    try {
      return LocalAddresses.ofInterfaces();
    } catch (SocketException e) {
      throw new ConfigException("local: cannot read the machine's addresses: " + e.getMessage(), e);
    }
  }

  public MetricsRegistry metrics() {
    return metrics;
  }

  /** The bound metrics port, or -1 when metrics are off. */
  public int metricsPort() {
    return metricsServer == null ? -1 : metricsServer.port();
  }

  /**
   * Captures until the input ends or {@link #stop} is called, then flushes every forwarder.
   *
   * @throws Exception what the capture stage failed with (its message names the interface or file)
   */
  public void run() throws Exception {
    startedNanos = System.nanoTime();
    running = true;
    try {
      for (ForwardingStage f : forwarders) {
        f.forwarder.start();
      }
      if (config.metricsListen() != null) {
        metricsServer = MetricsServer.start(config.metricsListen(), metrics, this::health);
      }
      if (source.isLive()) {
        startRefresher();
        startListener();
        runLive();
        stopListener();
      } else {
        learnAnsweredPorts();
        source.run(pipeline);
        pipeline.flush();
      }
      if (lane != null) {
        lane.close(); // delivers and flushes everything handed over
        lane = null;
      }
    } finally {
      running = false;
      endedNanos = System.nanoTime();
      finished.countDown();
    }
  }

  private void startListener() throws Exception {
    if (listener == null) {
      return;
    }
    String what = listener.start(new PolicyRelay(relay, anonymizer, config.node(), metrics), sessions);
    LOG.info("listener mode: {}, relaying with {}", what, SensorConfig.pluginOf(config.relay()));
  }

  /** Ends open connections so that their sessions are reported before delivery closes. */
  private void stopListener() {
    closeQuietly(listener, "listener");
    listener = null;
    closeQuietly(relay, "relay");
    relay = null;
  }

  /** A capture file has no /proc: a first pass finds the ports the node itself answered. */
  private void learnAnsweredPorts() throws Exception {
    long started = System.nanoTime();
    try (PacketSource firstPass = loader.create(PacketSource.class, config.capture(), context)) {
      PortSet answered = AnsweredPorts.find(firstPass, local);
      filter.setOpenPorts(answered, PortSet.EMPTY);
      long millis = (System.nanoTime() - started) / 1_000_000;
      if (answered.size() == 0) {
        LOG.info("first pass ({} ms): the node answered on no TCP port", millis);
      } else {
        LOG.info("first pass ({} ms): the node answered on TCP ports {}; nothing sent to them is"
            + " recorded", millis, answered);
      }
    }
  }

  private void runLive() throws Exception {
    QueuedFrameSink sink = new QueuedFrameSink(config.queueCapacity(), pipeline);
    Exception[] pipelineFailure = new Exception[1];
    Thread worker = new Thread(() -> {
      try {
        sink.drainUntilEnd();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        pipelineFailure[0] = e;
        source.stop();
      }
    }, "pipeline");
    worker.start();
    try {
      source.run(sink);
    } finally {
      sink.end();
      worker.join();
    }
    if (pipelineFailure[0] != null) {
      throw pipelineFailure[0];
    }
  }

  private void startRefresher() {
    ListeningPorts ports = new ListeningPorts(Path.of("/proc/net"), listenerPorts, Path.of("/proc/self/fd"));
    refresher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ports-refresh");
      t.setDaemon(true);
      return t;
    });
    Runnable refresh = () -> {
      try {
        filter.setOpenPorts(ports.tcp(), ports.udp());
        if (config.local().isEmpty()) {
          filter.setLocal(LocalAddresses.ofInterfaces());
        }
      } catch (IOException e) {
        LOG.warn("cannot read listening sockets from /proc/net: {}", e.toString());
      }
    };
    refresh.run(); // before the first packet: a listener must never be recorded
    long every = config.portsRefresh().toMillis();
    refresher.scheduleWithFixedDelay(refresh, every, every, TimeUnit.MILLISECONDS);
  }

  private void capturing(String description) {
    capturing = description;
    LOG.info("capturing on {} as node {}", description, config.node());
  }

  /** Asks the capture to end; {@link #run} then drains, flushes and returns. Any thread. */
  public void stop() {
    source.stop();
  }

  /** Waits until {@link #run} has returned, at most {@code millis}. */
  public boolean awaitFinished(long millis) throws InterruptedException {
    return finished.await(millis, TimeUnit.MILLISECONDS);
  }

  public long kernelDrops() {
    return source.kernelDrops();
  }

  /** Seconds {@link #run} took (or has taken so far). */
  public double elapsedSeconds() {
    long end = running ? System.nanoTime() : endedNanos;
    return startedNanos == 0 ? 0 : (end - startedNanos) / 1e9;
  }

  private MetricsServer.Health health() {
    boolean ok = running && capturing != null;
    java.util.Map<String, Long> counters = metrics.snapshot();
    String json = "{\"status\":\"" + (ok ? "ok" : running ? "starting" : "stopped")
        + "\",\"node\":\"" + config.node().replace("\\", "\\\\").replace("\"", "\\\"")
        + "\",\"capturing\":" + (capturing != null)
        + ",\"uptimeSeconds\":" + (long) elapsedSeconds()
        + ",\"frames\":" + counters.getOrDefault("portscope_capture_frames_total", 0L)
        + ",\"observations\":" + counters.getOrDefault("portscope_observations_total", 0L)
        + "}";
    return new MetricsServer.Health(ok, json);
  }

  /** Closes every stage once, in reverse order of use; safe after a failed construction. */
  @Override
  public void close() {
    if (lane != null) {
      try {
        lane.close();
      } catch (RuntimeException e) {
        LOG.warn("delivering the last observations failed: {}", e.toString());
      }
    }
    if (refresher != null) {
      refresher.shutdownNow();
    }
    if (metricsServer != null) {
      metricsServer.close();
    }
    for (ForwardingStage f : forwarders) {
      closeQuietly(f.forwarder, f.name);
    }
    closeQuietly(listener, "listener");
    closeQuietly(relay, "relay");
    closeQuietly(anonymizer, "anonymize");
    closeQuietly(source, "capture");
    loader.close();
  }

  private static void closeQuietly(AutoCloseable stage, String name) {
    if (stage == null) {
      return;
    }
    try {
      stage.close();
    } catch (Exception e) {
      LOG.warn("closing {} failed: {}", name, e.toString());
    }
  }
}
