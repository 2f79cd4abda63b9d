package org.portscope.provisioner.onboard.inventory;

/**
 * The inventory cannot be used: the message names the file, the key ({@code nodes[2].ssh.port}),
 * the value and what was expected. Never carries a passphrase.
 */
public final class InventoryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InventoryException(String message) {
        super(message);
    }

    public InventoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
