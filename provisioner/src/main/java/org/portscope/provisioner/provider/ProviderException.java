package org.portscope.provisioner.provider;

/**
 * An operation failed; the message is what the engine shows the operator (it names the node or
 * hub and the step, never a secret).
 */
final class ProviderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ProviderException(String message) {
        super(message);
    }

    ProviderException(String message, Throwable cause) {
        super(message, cause);
    }
}
