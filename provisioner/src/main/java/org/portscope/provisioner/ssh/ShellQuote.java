package org.portscope.provisioner.ssh;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Quoting for the POSIX shell that runs a command on a node. Every argument becomes one word,
 * whatever it contains: quotes, spaces, {@code $()}, backticks, globs, newlines.
 */
public final class ShellQuote {

    private ShellQuote() {
    }

    /**
     * One word for {@code sh}: plain words as they are, anything else in single quotes, each
     * single quote written as {@code '\''} (close, escaped quote, reopen).
     */
    public static String quote(String argument) {
        Objects.requireNonNull(argument, "argument");
        if (!argument.isEmpty() && argument.matches("[A-Za-z0-9_./:=@%+,-]+")) {
            return argument;
        }
        if (argument.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a shell argument cannot contain a NUL byte");
        }
        return "'" + argument.replace("'", "'\\''") + "'";
    }

    /** A command line from a program and its arguments, each quoted. */
    public static String command(String... words) {
        return command(List.of(words));
    }

    public static String command(List<String> words) {
        if (words.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least a program name");
        }
        return words.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
    }
}
