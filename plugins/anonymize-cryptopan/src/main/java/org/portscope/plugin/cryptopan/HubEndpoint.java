package org.portscope.plugin.cryptopan;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * The hub's API address as {@code --hub} gives it: {@code HOST:PORT}, an IPv6 address in brackets
 * ({@code [fd77::1]:8080}). Plain HTTP: the request runs inside the WireGuard overlay, which
 * encrypts it and which is how the hub knows the node.
 */
record HubEndpoint(String host, int port) {
  HubEndpoint {
    Objects.requireNonNull(host, "host");
  }

  /** @throws IllegalArgumentException naming the text and the expected form */
  static HubEndpoint parse(String text) {
    String host;
    String port;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
        throw bad(text, "");
      }
      host = text.substring(0, close + 1);
      port = text.substring(close + 2);
    } else {
      int colon = text.lastIndexOf(':');
      if (colon < 0) {
        throw bad(text, " (the port is missing)");
      }
      host = text.substring(0, colon);
      port = text.substring(colon + 1);
      if (host.indexOf(':') >= 0) {
        throw bad(text, " (an IPv6 address goes in brackets: [fd77::1]:8080)");
      }
    }
    if (host.isEmpty() || host.equals("[]") || !host.matches("[\\[\\]0-9A-Za-z.:_-]+")) {
      throw bad(text, "");
    }
    int n = -1;
    if (port.matches("\\d{1,5}")) {
      n = Integer.parseInt(port);
    }
    if (n < 1 || n > 65535) {
      throw bad(text, " (the port must be 1 to 65535)");
    }
    return new HubEndpoint(host, n);
  }

  private static IllegalArgumentException bad(String text, String why) {
    return new IllegalArgumentException("blocklist pull: --hub '" + text + "' is not HOST:PORT" + why
        + "; expected the hub's API address on the overlay, e.g. 10.77.0.1:8080");
  }

  URI blocklist(Map<String, String> parameters) {
    StringJoiner q = new StringJoiner("&");
    parameters.forEach((k, v) -> q.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return URI.create("http://" + this + "/api/blocklist" + (q.length() == 0 ? "" : "?" + q));
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
