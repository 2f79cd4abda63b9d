package org.portscope.sensor.core.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.portscope.sensor.api.ConfigException;

/** {@code portscope-sensor}: the sensor's command line. */
public final class SensorMain {
  private static final List<Command> COMMANDS = List.of(new RunCommand(), new ReplayCommand());

  /** Set by a shutdown hook: System.exit must not be called then, it would wait forever. */
  static volatile boolean shuttingDown;

  private SensorMain() {}

  public static void main(String[] args) {
    int code = run(args, System.err);
    if (!shuttingDown) {
      System.exit(code);
    }
  }

  static int run(String[] args, PrintStream err) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
      try (PluginCommands plugins = PluginCommands.load(pluginsDir())) {
        err.print(usage(plugins));
      }
      return args.length == 0 ? 2 : 0;
    }
    Command command = COMMANDS.stream().filter(c -> c.name().equals(args[0])).findFirst().orElse(null);
    if (command == null) {
      try (PluginCommands plugins = PluginCommands.load(pluginsDir())) {
        Command fromPlugin = plugins.find(args[0]);
        if (fromPlugin == null) {
          err.println("portscope-sensor: unknown command '" + args[0] + "'");
          err.print(usage(plugins));
          return 2;
        }
        return dispatch(fromPlugin, args, err);
      }
    }
    return dispatch(command, args, err);
  }

  private static int dispatch(Command command, String[] args, PrintStream err) {
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    if (Arrays.asList(rest).contains("--help") || Arrays.asList(rest).contains("-h")) {
      System.out.print(command.help());
      return 0;
    }
    try {
      return command.run(rest);
    } catch (Options.UsageException | ConfigException | IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    } catch (Exception e) {
      err.println("portscope-sensor " + command.name() + ": " + e.getMessage());
      return 1;
    }
  }

  private static String usage(PluginCommands plugins) {
    StringBuilder sb = new StringBuilder("usage: portscope-sensor <command> [options]\n\ncommands:\n");
    for (Command c : COMMANDS) {
      sb.append(String.format("  %-12s %s%n", c.name(), c.summary()));
    }
    for (Command c : plugins.all()) {
      sb.append(String.format("  %-12s %s%n", c.name(), c.summary()));
    }
    sb.append("\n'portscope-sensor <command> --help' tells more.\n");
    return sb.toString();
  }

  /**
   * The plugins folder: {@code -Dportscope.plugins} (the launcher sets it), else
   * {@code $PORTSCOPE_PLUGINS}, else {@code plugins/} beside the sensor jar.
   */
  static Path pluginsDir() {
    String prop = System.getProperty("portscope.plugins");
    if (prop == null) {
      prop = System.getenv("PORTSCOPE_PLUGINS");
    }
    if (prop != null) {
      return Path.of(prop);
    }
    try {
      Path jar = Path.of(SensorMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return jar.resolveSibling("plugins");
    } catch (Exception e) {
      return Path.of("plugins");
    }
  }

  static void requireFolder(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new ConfigException("plugins folder " + dir + " does not exist; build the sensor bundle"
          + " (mvn -q -DskipTests package) or set PORTSCOPE_PLUGINS");
    }
  }
}
