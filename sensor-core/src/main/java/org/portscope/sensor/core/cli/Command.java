package org.portscope.sensor.core.cli;

/** One {@code portscope-sensor} subcommand. */
interface Command {
  String name();

  /** One line for the command list. */
  String summary();

  /** The full text {@code --help} prints. */
  String help();

  /** Runs the command; returns the process exit code. */
  int run(String[] args) throws Exception;
}
