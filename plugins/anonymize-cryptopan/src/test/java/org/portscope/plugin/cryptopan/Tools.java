package org.portscope.plugin.cryptopan;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/** Runs Debian tools for the tests and reads their listings. */
final class Tools {
  private Tools() {}

  record Result(int code, String output) {}

  static boolean onPath(String tool) {
    for (String dir : (System.getenv("PATH") + ":/usr/sbin:/sbin").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  /** Runs to the end (at most a minute), stdout and stderr together. */
  static Result run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not end within 60 s");
    }
    return new Result(p.exitValue(), output);
  }

  /** The elements of {@code nft list set} output. */
  static Set<String> nftElements(String listing) {
    Set<String> out = new TreeSet<>();
    int start = listing.indexOf("elements = {");
    if (start < 0) {
      return out;
    }
    String inside = listing.substring(start + "elements = {".length(), listing.indexOf('}', start));
    for (String e : inside.split("[\\s,]+")) {
      if (!e.isEmpty()) {
        out.add(e);
      }
    }
    return out;
  }

  /** The members of {@code ipset list} output. */
  static Set<String> ipsetMembers(String listing) {
    Set<String> out = new TreeSet<>();
    boolean members = false;
    for (String line : listing.lines().toList()) {
      if (members && !line.isBlank()) {
        out.add(line.strip());
      }
      members |= line.equals("Members:");
    }
    return out;
  }
}
