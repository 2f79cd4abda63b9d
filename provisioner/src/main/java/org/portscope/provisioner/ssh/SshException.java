package org.portscope.provisioner.ssh;

/**
 * Talking to a node over SSH failed: it could not be reached, refused our key, or a remote step
 * failed. Messages name the node ({@code user@host:port}) and never carry a key, a passphrase or a
 * command's standard input.
 */
public class SshException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SshException(String message) {
        super(message);
    }

    public SshException(String message, Throwable cause) {
        super(message, cause);
    }
}
