package org.portscope.plugin.honeypot;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.portscope.sensor.api.StageConfig;

/**
 * The {@code relay:} section.
 *
 * @param honeypot the one address every connection is relayed to
 * @param proxyProtocol whether each relayed connection starts with a PROXY protocol v2 header
 * @param limits the limits per source and in total
 */
record RelaySettings(InetSocketAddress honeypot, boolean proxyProtocol, Duration connectTimeout,
    RelayLimits limits) {
  RelaySettings {
    Objects.requireNonNull(honeypot, "honeypot");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(limits, "limits");
  }

  static RelaySettings of(StageConfig c) {
    c.allowOnly(Set.of("plugin", "honeypot", "proxy-protocol", "connect-timeout", "max-connections",
        "max-connections-per-source", "max-bytes", "idle-timeout", "max-duration"));
    String hp = c.string("honeypot");
    InetSocketAddress honeypot = parse(c, hp);
    String proxy = c.string("proxy-protocol", "v2");
    if (!proxy.equals("v2") && !proxy.equals("none")) {
      throw c.bad("proxy-protocol", proxy, "v2 or none");
    }
    RelayLimits limits = new RelayLimits(
        c.integer("max-connections", 512, 1, 1_000_000),
        c.integer("max-connections-per-source", 8, 1, 1_000_000),
        c.bytes("max-bytes", 1 << 20, 1, Long.MAX_VALUE),
        positive(c, "idle-timeout", Duration.ofSeconds(60)),
        positive(c, "max-duration", Duration.ofMinutes(5)));
    return new RelaySettings(honeypot, proxy.equals("v2"), positive(c, "connect-timeout",
        Duration.ofSeconds(5)), limits);
  }

  private static Duration positive(StageConfig c, String key, Duration fallback) {
    Duration d = c.duration(key, fallback);
    if (d.isZero()) {
      throw c.bad(key, d, "a duration above zero");
    }
    return d;
  }

  /** HOST:PORT or [IPV6]:PORT, resolved once now: the relay never connects anywhere else. */
  private static InetSocketAddress parse(StageConfig c, String value) {
    int colon = value.lastIndexOf(':');
    String expected = "HOST:PORT of the honeypot, e.g. 10.77.0.1:2222 or [fd77::1]:2222";
    if (colon <= 0) {
      throw c.bad("honeypot", value, expected);
    }
    String host = value.substring(0, colon).replaceAll("^\\[|]$", "");
    try {
      int port = Integer.parseInt(value.substring(colon + 1));
      if (port < 1 || port > 65535) {
        throw c.bad("honeypot", value, expected);
      }
      return new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (NumberFormatException e) {
      throw c.bad("honeypot", value, expected);
    } catch (UnknownHostException e) {
      throw c.bad("honeypot", value, "a host name that resolves (" + e.getMessage() + ")");
    }
  }
}
