package org.portscope.provisioner.cli;

/** The command line itself is wrong (unknown command or option, missing argument): exit 2. */
public final class UsageException extends CommandException {

    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
