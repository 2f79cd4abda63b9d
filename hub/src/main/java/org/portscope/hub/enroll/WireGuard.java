package org.portscope.hub.enroll;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.portscope.sensor.api.IpAddress;

/**
 * The hub's WireGuard interface through {@code wg}: peers are added and removed live, one at a
 * time, so no other tunnel is touched. The hub service needs the right to do so: CAP_NET_ADMIN for
 * the kernel's WireGuard, or the group of wireguard-go's control socket (the provisioner gives it).
 * The preshared key travels on standard input, never on a command line.
 */
class WireGuard {
  private final String iface;

  WireGuard(String iface) {
    this.iface = Objects.requireNonNull(iface, "iface");
  }

  /** One peer as {@code wg show IF allowed-ips} lists it. */
  record Listed(String publicKey, List<IpAddress> addresses) {
  }

  String publicKey() {
    return run(null, "wg", "show", iface, "public-key").strip();
  }

  List<Listed> peers() {
    List<Listed> peers = new ArrayList<>();
    for (String line : run(null, "wg", "show", iface, "allowed-ips").split("\n")) {
      String[] parts = line.strip().split("\\s+");
      if (parts.length == 0 || parts[0].isEmpty()) {
        continue;
      }
      List<IpAddress> addresses = new ArrayList<>();
      for (int i = 1; i < parts.length; i++) {
        if (parts[i].contains("/")) {
          addresses.add(IpAddress.parse(parts[i].substring(0, parts[i].indexOf('/'))));
        }
      }
      peers.add(new Listed(parts[0], addresses));
    }
    return peers;
  }

  Set<String> peerKeys() {
    Set<String> keys = new HashSet<>();
    peers().forEach(p -> keys.add(p.publicKey()));
    return keys;
  }

  void add(String publicKey, String presharedKey, IpAddress address) {
    run(presharedKey + "\n", "wg", "set", iface, "peer", publicKey, "preshared-key", "/dev/stdin",
        "allowed-ips", address + (address.isV4() ? "/32" : "/128"));
  }

  void remove(String publicKey) {
    run(null, "wg", "set", iface, "peer", publicKey, "remove");
  }

  /** Runs a command; its output, or an exception naming it and its error output. */
  String run(String stdin, String... command) {
    String line = String.join(" ", command);
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
      try (OutputStream in = p.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.US_ASCII));
        }
      }
      byte[] out = p.getInputStream().readAllBytes();
      byte[] err = p.getErrorStream().readAllBytes();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("'" + line + "' did not end within 10 s");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException("'" + line + "' failed with exit status " + p.exitValue() + ": "
            + new String(err, StandardCharsets.UTF_8).strip());
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot run '" + line + "': " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running '" + line + "'", e);
    }
  }
}
