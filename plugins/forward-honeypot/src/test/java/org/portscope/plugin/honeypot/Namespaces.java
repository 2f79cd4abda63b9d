package org.portscope.plugin.honeypot;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Three hosts for the relay test, named per run ({@code pshp<pid>n|a|h}): the node (192.0.2.1,
 * and 198.51.100.1 towards the honeypot), an attacker (192.0.2.2) and the honeypot (198.51.100.2).
 */
final class Namespaces implements AutoCloseable {
  final String node;
  final String attacker;
  final String honeypot;

  Namespaces() {
    String p = "pshp" + ProcessHandle.current().pid();
    node = p + "n";
    attacker = p + "a";
    honeypot = p + "h";
  }

  void create() throws IOException, InterruptedException {
    close();
    for (String ns : List.of(node, attacker, honeypot)) {
      run("ip", "netns", "add", ns);
      run("ip", "-n", ns, "link", "set", "lo", "up");
    }
    link(node, "192.0.2.1/24", attacker, "192.0.2.2/24");
    link(node, "198.51.100.1/24", honeypot, "198.51.100.2/24");
  }

  private void link(String a, String addrA, String b, String addrB) throws IOException, InterruptedException {
    String ifA = a.substring(a.length() - 1) + b.substring(b.length() - 1) + "veth";
    String ifB = b.substring(b.length() - 1) + a.substring(a.length() - 1) + "veth";
    run("ip", "link", "add", ifA, "netns", a, "type", "veth", "peer", "name", ifB, "netns", b);
    run("ip", "-n", a, "addr", "add", addrA, "dev", ifA);
    run("ip", "-n", b, "addr", "add", addrB, "dev", ifB);
    run("ip", "-n", a, "link", "set", ifA, "up");
    run("ip", "-n", b, "link", "set", ifB, "up");
  }

  /** The node's interface towards the attacker. */
  String nodeInterface() {
    return "naveth";
  }

  static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }

  /** Runs a command in a namespace and returns its exit code, output discarded to {@code log}. */
  static int exit(Path log, String ns, String... command) throws IOException, InterruptedException {
    List<String> full = new java.util.ArrayList<>(List.of("ip", "netns", "exec", ns));
    full.addAll(List.of(command));
    Process p = new ProcessBuilder(full).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  static void require(boolean present, String what) {
    if (present) {
      return;
    }
    if ("true".equals(System.getenv("CI"))) {
      fail("CI=true and a prerequisite is missing: " + what);
    }
    assumeTrue(false, "skipped: needs " + what);
  }

  static void requireTool(String program, String debianPackage) {
    boolean found = List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin").stream()
        .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    require(found, program + " (Debian package " + debianPackage + ")");
  }

  @Override
  public void close() {
    for (String ns : List.of(node, attacker, honeypot)) {
      try {
        for (String pid : run("ip", "netns", "pids", ns).split("\\s+")) {
          if (!pid.isBlank()) {
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
          }
        }
        run("ip", "netns", "del", ns);
      } catch (IOException | InterruptedException | RuntimeException e) {
        // absent already
      }
    }
  }
}
