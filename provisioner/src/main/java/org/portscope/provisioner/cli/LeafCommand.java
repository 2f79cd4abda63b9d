package org.portscope.provisioner.cli;

import java.util.List;

/**
 * A command that does one thing. It handles {@code --help} and turns the exceptions of
 * {@link #execute} into messages and exit statuses, so subclasses only do their work.
 */
public abstract class LeafCommand implements Command {

    /** What follows the command's name in its usage line, e.g. {@code " < private.key"}. */
    protected abstract String synopsis();

    /** The help text under the usage line: what it does, what it reads and prints. */
    protected abstract String description();

    /**
     * Does the work.
     *
     * @param path the command's full name, e.g. "portscope wg pubkey"
     * @throws UsageException for a wrong command line
     * @throws CommandException when the work fails; the message names the input, never a secret
     */
    protected abstract void execute(String path, List<String> args, Io io) throws CommandException;

    @Override
    public final int run(String parent, List<String> args, Io io) {
        String path = parent + " " + name();
        if (wantsHelp(args)) {
            io.out().print(help(path));
            return 0;
        }
        try {
            execute(path, args, io);
            io.out().flush();
            return 0;
        } catch (UsageException e) {
            io.err().println(path + ": " + e.getMessage());
            io.err().println("Try '" + path + " --help'.");
            return 2;
        } catch (CommandException e) {
            io.err().println(path + ": " + e.getMessage());
            return 1;
        }
    }

    /** The full help of this command. */
    public final String help(String path) {
        return "Usage: " + path + synopsis() + "\n\n" + description().strip() + "\n";
    }

    /** For commands that take no arguments. */
    protected static void requireNoArguments(List<String> args) throws UsageException {
        if (!args.isEmpty()) {
            throw new UsageException("takes no arguments, got '" + args.get(0) + "'");
        }
    }

    static boolean wantsHelp(List<String> args) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return false;
            }
            if (arg.equals("--help") || arg.equals("-h")) {
                return true;
            }
        }
        return false;
    }
}
