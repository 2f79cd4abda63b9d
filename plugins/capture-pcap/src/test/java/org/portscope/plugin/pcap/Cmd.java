package org.portscope.plugin.pcap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short command to completion and returns its output; a failure names the command. */
final class Cmd {
  private Cmd() {}

  static String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException(String.join(" ", command) + ": did not finish in 60 s");
    }
    String text = new String(output, StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + ": exit " + process.exitValue() + ": " + text);
    }
    return text;
  }

  /** Like {@link #run} but ignores failure: for cleanup that may find nothing to clean. */
  static void quietly(String... command) {
    try {
      run(command);
    } catch (IOException e) {
      // Nothing to remove, or already removed.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static List<String> lines(String... command) throws IOException, InterruptedException {
    return run(command).lines().toList();
  }
}
