package org.portscope.hub;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.portscope.hub.config.HubConfig;

/** A hub on loopback with its files in a test folder; restartable on the same store. */
public final class HubFixture implements AutoCloseable {
  private final Path dir;
  private final Clock clock;
  private Hub hub;
  private int collectorPort;
  private int apiPort;

  public HubFixture(Path dir, Clock clock, String peersYaml) throws IOException {
    this.dir = dir;
    this.clock = clock;
    Files.writeString(dir.resolve("peers.yaml"), peersYaml);
  }

  /** Starts (again), on the ports of the previous run when there was one. */
  public Hub start() {
    HubConfig config = new HubConfig(new InetSocketAddress("127.0.0.1", collectorPort),
        new InetSocketAddress("127.0.0.1", apiPort), dir.resolve("hub.duckdb"), Duration.ofDays(3650),
        Duration.ofHours(1), "256MB", dir.resolve("peers.yaml"), Duration.ofSeconds(1));
    hub = Hub.start(config, clock);
    collectorPort = hub.collector().address().getPort();
    apiPort = hub.api().address().getPort();
    return hub;
  }

  public void stop() {
    hub.close();
    hub = null;
  }

  public Hub hub() {
    return hub;
  }

  public InetSocketAddress collector() {
    return new InetSocketAddress("127.0.0.1", collectorPort);
  }

  public String api() {
    return "http://127.0.0.1:" + apiPort;
  }

  @Override
  public void close() {
    if (hub != null) {
      stop();
    }
  }
}
