package org.portscope.sensor.api;

import java.io.InputStream;
import java.io.PrintStream;
import org.pf4j.ExtensionPoint;

/**
 * A subcommand a plugin adds to {@code portscope-sensor}, e.g. the anonymization plugin's
 * {@code keygen-anon} and {@code anonymize}. The host lists plugin commands in its usage text and
 * runs one when its {@link #name()} is the first argument. Made with the no-argument constructor;
 * one instance per invocation.
 */
public interface SensorCommand extends ExtensionPoint {
  /** The word that selects this command; must not clash with the host's own (run, replay, …). */
  String name();

  /** One line for the command list. */
  String summary();

  /** The text {@code --help} prints: usage line, what it does, every option. */
  String help();

  /**
   * Runs the command on the caller's thread.
   *
   * @param args the arguments after the command name ({@code --help} never reaches here)
   * @return the process exit code: 0 success, 1 failure, 2 bad usage
   * @throws IllegalArgumentException for bad usage; its message is printed as is (never put a
   *     secret in it)
   */
  int run(String[] args, InputStream in, PrintStream out, PrintStream err) throws Exception;
}
