package org.portscope.provisioner.cli;

/**
 * A command failed; the message is shown on stderr after the command's name, so it must say what
 * was wrong with which input, and never contain a secret.
 */
public class CommandException extends Exception {

    private static final long serialVersionUID = 1L;

    public CommandException(String message) {
        super(message);
    }

    public CommandException(String message, Throwable cause) {
        super(message, cause);
    }
}
