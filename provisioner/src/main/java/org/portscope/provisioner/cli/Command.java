package org.portscope.provisioner.cli;

import java.util.List;

/**
 * One {@code portscope} subcommand. A new subcommand is one class implementing this (usually via
 * {@link LeafCommand}) plus its entry in {@link Main#commands()} or in a {@link CommandGroup}.
 */
public interface Command {

    /** The word that selects this command, e.g. {@code genkey}. */
    String name();

    /** One line for the list in the parent's help. */
    String summary();

    /**
     * Runs the command and reports its own errors on {@code io.err()}, prefixed with its full
     * name. {@code --help} (and {@code -h}) print the command's help on {@code io.out()}: every
     * command has it.
     *
     * @param parent the words that led here, e.g. "portscope wg"
     * @param args the arguments after this command's name
     * @return the exit status: 0 success, 1 failure, 2 wrong usage
     */
    int run(String parent, List<String> args, Io io);
}
