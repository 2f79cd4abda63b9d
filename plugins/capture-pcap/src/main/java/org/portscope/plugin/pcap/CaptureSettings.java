package org.portscope.plugin.pcap;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.portscope.sensor.api.ConfigException;
import org.portscope.sensor.api.StageConfig;

/** The capture section, validated: either a file to read or an interface to capture on. */
sealed interface CaptureSettings {
  /** The most libpcap keeps of a frame; files are read whole unless a snaplen is set. */
  int MAX_SNAPLEN = 262_144;
  /**
   * Live default: headers and the start of a payload are all the sensor reads, and in immediate
   * mode every ring slot is snaplen-sized, so a small snaplen means many slots and no drops in a
   * burst (see README).
   */
  int DEFAULT_LIVE_SNAPLEN = 256;
  long DEFAULT_BUFFER = 4L << 20;
  Set<String> KEYS = Set.of("plugin", "file", "interface", "snaplen", "buffer", "filter", "direction",
      "promiscuous", "immediate");
  Set<String> LIVE_ONLY = Set.of("buffer", "filter", "direction", "promiscuous", "immediate");
  /** Linux interface names: at most IFNAMSIZ-1 bytes, no slash, no whitespace. */
  Pattern INTERFACE_NAME = Pattern.compile("[^/\\s]{1,15}");

  int snaplen();

  /** A finite capture: the frames of a pcap or pcapng file, bytes beyond {@code snaplen} cut. */
  record FileSettings(Path file, int snaplen) implements CaptureSettings {
    public FileSettings {
      Objects.requireNonNull(file, "file");
    }
  }

  /** A live capture with libpcap. {@code userFilter} is empty when the config has none. */
  record LiveSettings(String iface, int snaplen, int bufferBytes, String userFilter, Direction direction,
      boolean promiscuous, boolean immediate) implements CaptureSettings {
    /** What the sensor looks at; anything else never leaves the kernel. */
    public static final String BASE_FILTER = "tcp or udp or icmp or icmp6";

    public LiveSettings {
      Objects.requireNonNull(iface, "iface");
      Objects.requireNonNull(userFilter, "userFilter");
      Objects.requireNonNull(direction, "direction");
    }

    /** The BPF expression handed to libpcap: the base filter AND the user's one. */
    public String bpfExpression() {
      return userFilter.isEmpty() ? BASE_FILTER : "(" + BASE_FILTER + ") and (" + userFilter + ")";
    }
  }

  /** Which packets of the interface: those it receives, or those it sends as well. */
  enum Direction { IN, INOUT }

  /** Reads and checks {@code config}; every problem is a {@link ConfigException} naming the key. */
  static CaptureSettings from(StageConfig config) {
    config.allowOnly(KEYS);
    boolean file = config.has("file");
    if (file == config.has("interface")) {
      throw new ConfigException(config.path() + ": set exactly one of " + config.key("file")
          + " (read a pcap or pcapng file) or " + config.key("interface") + " (capture live); "
          + (file ? "both are set" : "neither is set"));
    }
    int snaplen = config.integer("snaplen", file ? MAX_SNAPLEN : DEFAULT_LIVE_SNAPLEN, 64, MAX_SNAPLEN);
    return file ? fileSettings(config, snaplen) : liveSettings(config, snaplen);
  }

  private static FileSettings fileSettings(StageConfig config, int snaplen) {
    for (String key : config.keys()) {
      if (LIVE_ONLY.contains(key)) {
        throw new ConfigException(config.key(key) + ": applies to live capture (with "
            + config.key("interface") + ") only, not to reading " + config.key("file"));
      }
    }
    Path path = config.file("file");
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw config.bad("file", path, "a readable pcap or pcapng file (it does not exist, is not a "
          + "regular file or cannot be read)");
    }
    return new FileSettings(path, snaplen);
  }

  private static LiveSettings liveSettings(StageConfig config, int snaplen) {
    String iface = config.string("interface").trim();
    if (!INTERFACE_NAME.matcher(iface).matches()) {
      throw config.bad("interface", iface, "a network interface name (1-15 characters, no '/' or spaces)");
    }
    int buffer = (int) config.bytes("buffer", DEFAULT_BUFFER, 64L << 10, 1L << 30);
    String filter = config.string("filter", "").trim();
    if (config.has("filter") && filter.isEmpty()) {
      throw config.bad("filter", config.string("filter"), "a BPF expression such as 'not net 10.0.0.0/8'");
    }
    Direction direction = switch (config.string("direction", "in").trim().toLowerCase()) {
      case "in" -> Direction.IN;
      case "inout" -> Direction.INOUT;
      default -> throw config.bad("direction", config.string("direction"), "in or inout");
    };
    return new LiveSettings(iface, snaplen, buffer, filter, direction, config.bool("promiscuous", false),
        config.bool("immediate", true));
  }
}
