package org.portscope.plugin.abuseipdb;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.portscope.sensor.api.IpAddress;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.Protocol;
import org.portscope.sensor.api.Session;

/**
 * What deserves a report, following AbuseIPDB's reporting policy: only a source that completed a
 * TCP handshake with the node (a listener-mode session) is reported; bare SYNs and UDP, whose
 * source can be forged, never are. A source's packets still shape its categories: probes to
 * several ports make it a port scanner, Mirai's fingerprint an IoT attacker.
 *
 * <p>Called from the delivery thread only. Memory is bounded: the least recently seen sources are
 * forgotten first.
 */
final class ReportPolicy {
  /** Distinct ports a source must probe before its report says "port scan". */
  static final int PORT_SCAN_PORTS = 3;
  private static final int PREVIEW = 120;

  private final Map<IpAddress, SourceActivity> sources;

  ReportPolicy(int maxSources) {
    this.sources = new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<IpAddress, SourceActivity> eldest) {
        return size() > maxSources;
      }
    };
  }

  /** Notes a packet observation; returns a report when {@code o} is a reportable session. */
  Optional<Report> consider(Observation o) {
    if (!o.isSession()) {
      if (o.protocol() == Protocol.TCP || o.protocol() == Protocol.UDP) {
        sources.computeIfAbsent(o.src(), s -> new SourceActivity()).packet(o);
      }
      return Optional.empty();
    }
    SourceActivity activity = sources.computeIfAbsent(o.src(), s -> new SourceActivity());
    activity.port(o.dstPort());
    return Optional.of(new Report(o.src().toString(), categories(o, activity),
        Instant.ofEpochSecond(0, o.timestampNanos()), comment(o)));
  }

  static EnumSet<Category> categories(Observation o, SourceActivity activity) {
    Session s = o.session();
    EnumSet<Category> categories = EnumSet.noneOf(Category.class);
    String app = s.application() == null ? "unknown" : s.application();
    switch (app) {
      case "ssh" -> categories.addAll(EnumSet.of(Category.SSH, Category.BRUTE_FORCE));
      case "telnet" -> categories.addAll(EnumSet.of(Category.IOT_TARGETED, Category.BRUTE_FORCE));
      case "http" -> categories.add(Category.WEB_APP_ATTACK);
      default -> categories.add(s.bytesFromSource() > 0 ? Category.HACKING : Category.PORT_SCAN);
    }
    if (o.dstPort() == 23 || o.dstPort() == 2323 || activity.mirai) {
      categories.add(Category.IOT_TARGETED);
    }
    if (activity.ports() >= PORT_SCAN_PORTS) {
      categories.add(Category.PORT_SCAN);
    }
    return categories;
  }

  /** What was seen, in words and the first printable bytes; the node's address is left out. */
  static String comment(Observation o) {
    Session s = o.session();
    String tool = o.fingerprint() == null ? "unknown" : o.fingerprint().tool();
    StringBuilder text = new StringBuilder("portscope telescope: TCP session to port ").append(o.dstPort())
        .append(" (").append(s.application() == null ? "unknown" : s.application()).append(", client ")
        .append(tool).append("), ").append(s.bytesFromSource()).append(" bytes sent, ")
        .append(s.durationNanos() / 1_000_000).append(" ms");
    String preview = printable(s.firstBytes());
    if (!preview.isEmpty()) {
      text.append("; first bytes: ").append(preview);
    }
    return text.toString();
  }

  private static String printable(byte[] bytes) {
    String text = new String(bytes, 0, Math.min(bytes.length, PREVIEW), StandardCharsets.ISO_8859_1);
    return text.replaceAll("[^\\x20-\\x7e]+", " ").strip();
  }

  int trackedSources() {
    return sources.size();
  }

  /** What one source did besides its sessions. */
  static final class SourceActivity {
    private static final int KEPT_PORTS = PORT_SCAN_PORTS;
    private final int[] ports = new int[KEPT_PORTS];
    private int count;
    boolean mirai;

    void packet(Observation o) {
      port(o.dstPort());
      if (o.fingerprint() != null && o.fingerprint().tool().equals("mirai")) {
        mirai = true;
      }
    }

    void port(int port) {
      if (port < 0 || count == KEPT_PORTS) {
        return;
      }
      for (int i = 0; i < count; i++) {
        if (ports[i] == port) {
          return;
        }
      }
      ports[count++] = port;
    }

    int ports() {
      return count;
    }
  }
}
