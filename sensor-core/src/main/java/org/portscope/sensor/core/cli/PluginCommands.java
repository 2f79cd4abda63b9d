package org.portscope.sensor.core.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.portscope.sensor.api.SensorCommand;
import org.portscope.sensor.core.plugin.StageLoader;

/** The subcommands installed plugins contribute, adapted to the host's {@link Command}. */
final class PluginCommands implements AutoCloseable {
  private final StageLoader loader;
  private final List<Command> commands;

  private PluginCommands(StageLoader loader, List<Command> commands) {
    this.loader = loader;
    this.commands = commands;
  }

  /** Loads the plugins in {@code dir}; none when the folder is absent. */
  static PluginCommands load(Path dir) {
    if (!Files.isDirectory(dir)) {
      return new PluginCommands(null, List.of());
    }
    StageLoader loader = new StageLoader(dir);
    List<Command> adapted = loader.commands().stream().map(PluginCommands::adapt).toList();
    return new PluginCommands(loader, adapted);
  }

  List<Command> all() {
    return commands;
  }

  Command find(String name) {
    return commands.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
  }

  private static Command adapt(SensorCommand c) {
    return new Command() {
      public String name() {
        return c.name();
      }

      public String summary() {
        return c.summary();
      }

      public String help() {
        return c.help();
      }

      public int run(String[] args) throws Exception {
        return c.run(args, System.in, System.out, System.err);
      }
    };
  }

  @Override
  public void close() {
    if (loader != null) {
      loader.close();
    }
  }
}
