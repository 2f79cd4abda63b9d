package org.portscope.provisioner.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A command made of subcommands, such as {@code portscope wg}: picks one by its first word. */
public class CommandGroup implements Command {

    private final String name;
    private final String summary;
    private final Map<String, Command> commands = new LinkedHashMap<>();

    public CommandGroup(String name, String summary, List<Command> commands) {
        this.name = Objects.requireNonNull(name, "name");
        this.summary = Objects.requireNonNull(summary, "summary");
        for (Command command : commands) {
            if (this.commands.putIfAbsent(command.name(), command) != null) {
                throw new IllegalArgumentException(name + " has two commands named " + command.name());
            }
        }
    }

    /** The subcommands, in help order. */
    public List<Command> commands() {
        return List.copyOf(commands.values());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String summary() {
        return summary;
    }

    @Override
    public int run(String parent, List<String> args, Io io) {
        String path = parent.isEmpty() ? name : parent + " " + name;
        if (args.isEmpty()) {
            io.err().print(help(path));
            return 2;
        }
        String first = args.get(0);
        if (first.equals("--help") || first.equals("-h") || first.equals("help")) {
            io.out().print(help(path));
            return 0;
        }
        Command command = commands.get(first);
        if (command == null) {
            io.err().println(path + ": unknown command '" + first.replaceAll("\\p{Cntrl}", "?")
                    + "'; the commands are " + String.join(", ", commands.keySet()));
            io.err().println("Try '" + path + " --help'.");
            return 2;
        }
        return command.run(path, args.subList(1, args.size()), io);
    }

    /** The usage line and one line per subcommand. */
    public String help(String path) {
        StringBuilder text = new StringBuilder("Usage: " + path + " <command> [arguments]\n\n")
                .append(summary).append("\n\nCommands:\n");
        int width = commands.keySet().stream().mapToInt(String::length).max().orElse(0);
        commands.values().forEach(c -> text.append(String.format("  %-" + width + "s  %s%n",
                c.name(), c.summary())));
        text.append("\nRun '").append(path).append(" <command> --help' for a command's options.\n");
        return text.toString();
    }
}
