package org.portscope.plugin.pcap;

import java.io.IOException;
import java.util.Objects;
import org.pf4j.Extension;
import org.portscope.plugin.pcap.CaptureSettings.FileSettings;
import org.portscope.plugin.pcap.CaptureSettings.LiveSettings;
import org.portscope.sensor.api.ConfigException;
import org.portscope.sensor.api.FrameSink;
import org.portscope.sensor.api.LinkType;
import org.portscope.sensor.api.PacketSource;
import org.portscope.sensor.api.SensorContext;
import org.portscope.sensor.api.StageConfig;

/**
 * The {@code capture-pcap} packet source: live capture on an interface with libpcap (pcap4j's raw
 * path, a BPF filter for TCP, UDP and ICMP), or the frames of a pcap or pcapng file read directly.
 *
 * <p>Config keys: {@code file} or {@code interface} (exactly one); {@code snaplen} (default 256
 * live, whole frames from files); and for live capture only {@code buffer} (kernel buffer, default 4MiB), {@code filter}
 * (a BPF expression ANDed with the built-in one), {@code direction} ({@code in} or {@code inout}),
 * {@code promiscuous} (default false) and {@code immediate} (default true).
 */
@Extension
public final class PcapCaptureSource implements PacketSource {
  private CaptureSettings settings;
  private volatile boolean stopped;
  private volatile LiveCapture live;
  private volatile long lastDrops = -1;

  @Override
  public void configure(StageConfig config, SensorContext context) {
    CaptureSettings parsed = CaptureSettings.from(config);
    if (parsed instanceof LiveSettings liveSettings) {
      String error;
      try {
        error = LiveCapture.filterError(liveSettings);
      } catch (IOException e) {
        throw new ConfigException(config.key("interface") + ": " + e.getMessage(), e);
      }
      if (error != null) {
        throw new ConfigException(config.key(liveSettings.userFilter().isEmpty() ? "plugin" : "filter")
            + ": " + PcapErrors.filterFailed(liveSettings, "for Ethernet", error));
      }
    }
    settings = parsed;
  }

  @Override
  public void run(FrameSink sink) throws Exception {
    Objects.requireNonNull(sink, "sink");
    if (settings == null) {
      throw new IllegalStateException("capture-pcap: run called before configure");
    }
    if (stopped) {
      return;
    }
    if (settings instanceof FileSettings file) {
      readFile(file, sink);
    } else {
      capture((LiveSettings) settings, sink);
    }
  }

  private void readFile(FileSettings file, FrameSink sink) throws IOException, InterruptedException {
    int snaplen = file.snaplen();
    try (FrameReader reader = CaptureFiles.open(file.file())) {
      sink.capturing(file.file() + " (" + reader.description() + ")");
      try {
        // Lent, not put: a replay's pipeline takes every frame at once, so it needs no copy of its own.
        while (!stopped && reader.lendNext(sink, snaplen)) {
          // each frame went to the sink
        }
      } catch (IOException | RuntimeException | InternalError e) {
        // A file cut while mapped faults on the lost part: the JVM throws an InternalError, maybe
        // a little after the access, and the bytes read meanwhile are garbage that can fail in
        // other ways first (or reach the sink as frames). The file's size tells that case apart
        // from any other failure.
        CaptureFileException cut = reader.truncation();
        if (cut == null) {
          throw e;
        }
        cut.initCause(e);
        throw cut;
      }
      CaptureFileException cut = reader.truncation();
      if (cut != null) {
        throw cut;
      }
    } catch (CaptureFileException e) {
      throw e;
    } catch (IOException e) {
      throw new IOException("capture file " + file.file() + ": cannot be read: " + e, e);
    }
  }

  private void capture(LiveSettings liveSettings, FrameSink sink) throws IOException {
    LiveCapture capture = LiveCapture.open(liveSettings);
    try {
      live = capture;
      // stop() sets the flag before it reads `live`: one of the two sees the other.
      if (!stopped) {
        sink.capturing(liveSettings.iface() + " (" + LinkType.name(capture.linkType()) + ", filter '"
            + capture.activeFilter() + "')");
        capture.loop(sink);
      }
    } finally {
      lastDrops = capture.drops();
      live = null;
      capture.close();
    }
  }

  @Override
  public void stop() {
    stopped = true;
    LiveCapture capture = live;
    if (capture != null) {
      capture.breakLoop();
    }
  }

  @Override
  public boolean isLive() {
    if (settings == null) {
      throw new IllegalStateException("capture-pcap: isLive called before configure");
    }
    return settings instanceof LiveSettings;
  }

  /** ps_drop + ps_ifdrop of the live handle (the last value once it is closed); -1 for files. */
  @Override
  public long kernelDrops() {
    LiveCapture capture = live;
    if (capture != null) {
      long drops = capture.drops();
      if (drops >= 0) {
        lastDrops = drops;
      }
    }
    return lastDrops;
  }

  @Override
  public void close() {
    stop();
  }
}
